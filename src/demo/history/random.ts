/** A small seeded PRNG (mulberry32): the same seed gives the same history on every machine. */
export type Random = {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number
  chance(p: number): boolean
  /** A new array in a random order (Fisher–Yates). */
  shuffle<T>(xs: readonly T[]): T[]
}

export function seededRandom(seed: number): Random {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  return {
    next,
    int,
    chance: (p) => next() < p,
    shuffle: (xs) => {
      const out = [...xs]
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(0, i)
        ;[out[i], out[j]] = [out[j]!, out[i]!]
      }
      return out
    },
  }
}

/** `counts` as a flat list of keys, each key repeated its count times, in a random order. */
export function pool<K extends string>(rng: Random, counts: Record<K, number>): K[] {
  const out: K[] = []
  for (const [key, n] of Object.entries(counts) as [K, number][]) for (let i = 0; i < n; i++) out.push(key)
  return rng.shuffle(out)
}

/**
 * Splits `total` over `weights` in whole numbers that add up exactly (largest remainder), so a
 * distribution drawn from shares keeps the exact total.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, w) => a + w, 0)
  const exact = weights.map((w) => (w / sum) * total)
  const out = exact.map(Math.floor)
  let left = total - out.reduce((a, n) => a + n, 0)
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((p, q) => q.r - p.r || p.i - q.i)
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k]!.i]! += 1
  return out
}
