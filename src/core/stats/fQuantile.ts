// Quantile of the F distribution, for the ICC intervals of McGraw & Wong (1996). If
// X ~ Beta(d1/2, d2/2) then d2·X / (d1·(1 − X)) ~ F(d1, d2), so the F quantile is a transform of
// the inverse regularised incomplete beta function, taken from stdlib (the same kernel its
// t quantile, already a dependency, uses). Degrees of freedom may be fractional (Satterthwaite).
import kernelBetaincinv from '@stdlib/math-base-special-kernel-betaincinv';

export function fQuantile(p: number, d1: number, d2: number): number {
  if (!(p >= 0 && p <= 1) || !(d1 > 0) || !(d2 > 0)) return NaN;
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  const [x, oneMinusX] = kernelBetaincinv(d1 / 2, d2 / 2, p, 1 - p);
  return (d2 * x) / (d1 * oneMinusX);
}
