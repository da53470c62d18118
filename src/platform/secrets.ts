import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto'

export const newId = (): string => randomUUID()

/** An unguessable URL-safe secret (256 bits). */
export const newSecret = (): string => randomBytes(32).toString('base64url')

/** Secrets are stored only as their SHA-256. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex')

export const sha256Hex = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex')

export const randomDigits = (n: number): string => Array.from({ length: n }, () => randomInt(10)).join('')
