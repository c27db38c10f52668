// Seeded randomness for the simulations, so that a failing fast-check seed replays exactly.

export type Random = () => number;

/** mulberry32: tiny, fast, good enough to drive a simulation. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInt(random: Random, maxExclusive: number): number {
  return Math.floor(random() * maxExclusive);
}

/**
 * Characters that are each typed once in a whole simulation, so that the final text proves
 * that nothing was lost or duplicated: each replica draws from its own block of CJK ideographs
 * (one UTF-16 unit each, never a line break).
 */
export class UniqueChars {
  private next = 0;

  constructor(private readonly base: number) {}

  take(count: number): string {
    if (this.next + count > 0x1000) throw new Error('ran out of unique characters');
    let out = '';
    for (let i = 0; i < count; i++) out += String.fromCharCode(this.base + this.next++);
    return out;
  }
}

/** Replica r types characters from U+4E00 + r * 0x1000; r up to 4. */
export function uniqueCharsFor(replica: number): UniqueChars {
  return new UniqueChars(0x4e00 + replica * 0x1000);
}

/** Waits for a few turns of the event loop so that in-flight applies can land. */
export async function ticks(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
