// Seeded randomness of studies: every draw is derived from (study seed, a label), so that one
// annotator's order does not change when another annotator is added, and the same seed always
// gives the same study.
import { mulberry32 } from '../stats/random';

/** FNV-1a over the UTF-16 code units of `text`, mixed with `seed`: a 32-bit stream seed. */
export function derivedSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // A second seed-dependent round so that seeds differing in high bits differ everywhere.
  h ^= Math.imul(seed >>> 16, 0x85ebca6b) >>> 0;
  return h >>> 0;
}

export function seededRandom(seed: number, label: string): () => number {
  return mulberry32(derivedSeed(seed, label));
}

/** Fisher–Yates shuffle of a copy. */
export function shuffled<T>(values: readonly T[], random: () => number): T[] {
  const out = values.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
