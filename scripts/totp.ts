import { currentCode } from '../src/accounts/second-factor.js'

/** `npm run totp -- SECRET`: prints the current authenticator code for a base32 secret (for the demo). */
const secret = process.argv[2]
if (!secret || !/^[A-Z2-7]+=*$/.test(secret)) {
  process.stderr.write('usage: npm run totp -- BASE32SECRET\n')
  process.exit(2)
}
process.stdout.write(`${currentCode(secret, new Date())}\n`)
