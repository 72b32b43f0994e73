// Bradley–Terry strengths (Bradley & Terry 1952; Zermelo 1929) by maximum likelihood:
// P(i beats j) = e^θi / (e^θi + e^θj). Ties count as half a win for each side (so a tie between i
// and j adds ½ to W_ij and ½ to W_ji), as Chatbot Arena does; the log-likelihood
//   ℓ(θ) = Σ_{i≠j} W_ij (θ_i − log(e^θi + e^θj))
// is concave, and is maximised here by Newton's method with step halving, θ_0 fixed at 0 during the
// fit and the result centred to mean 0. The maximum exists (is finite) iff the "beats" graph
// (i → j when W_ij > 0) is strongly connected (Ford 1957); otherwise the result is null.
// Bootstrap: items are resampled with replacement; each item carries all its judgements.

export interface BradleyTerryFit {
  /** Natural-log strengths, centred to mean 0, in the order of `systems`; null when the MLE does not exist. */
  logStrength: number[] | null;
  reason?: string;
  iterations: number;
}

/** `wins` is m × m, row-major: wins[i * m + j] = (fractional) wins of i over j. */
export function fitBradleyTerry(wins: ArrayLike<number>, m: number, tolerance = 1e-10, maxIterations = 100): BradleyTerryFit {
  if (m < 2) return { logStrength: null, reason: 'fewer than 2 systems', iterations: 0 };
  if (!stronglyConnected(wins, m)) {
    return { logStrength: null, reason: 'no finite maximum: some system won (or lost) every comparison against the rest, directly or through others', iterations: 0 };
  }
  const theta = new Float64Array(m);
  const free = m - 1; // θ_0 fixed at 0
  const gradient = new Float64Array(free);
  const hessian = new Float64Array(free * free);
  const step = new Float64Array(free);
  const trial = new Float64Array(m);
  let current = logLikelihood(wins, m, theta);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    gradient.fill(0);
    hessian.fill(0);
    for (let i = 0; i < m; i++) {
      for (let j = i + 1; j < m; j++) {
        const n = wins[i * m + j] + wins[j * m + i];
        if (n === 0) continue;
        const p = 1 / (1 + Math.exp(theta[j] - theta[i]));
        const g = wins[i * m + j] - n * p;
        const h = n * p * (1 - p);
        if (i > 0) {
          gradient[i - 1] += g;
          hessian[(i - 1) * free + (i - 1)] += h;
        }
        if (j > 0) {
          gradient[j - 1] -= g;
          hessian[(j - 1) * free + (j - 1)] += h;
        }
        if (i > 0 && j > 0) {
          hessian[(i - 1) * free + (j - 1)] -= h;
          hessian[(j - 1) * free + (i - 1)] -= h;
        }
      }
    }
    // Newton step: (−∇²ℓ) δ = ∇ℓ; −∇²ℓ restricted to θ_1.. is positive definite on a connected design.
    if (!solveSymmetric(hessian, gradient, step, free)) return { logStrength: null, reason: 'the comparisons do not connect the systems', iterations };
    let scale = 1;
    let accepted = false;
    for (let halving = 0; halving < 40; halving++) {
      trial[0] = 0;
      for (let k = 0; k < free; k++) trial[k + 1] = theta[k + 1] + scale * step[k];
      const value = logLikelihood(wins, m, trial);
      if (value >= current - 1e-12 * Math.abs(current)) {
        current = value;
        accepted = true;
        break;
      }
      scale /= 2;
    }
    if (!accepted) break;
    let largest = 0;
    for (let k = 0; k < free; k++) largest = Math.max(largest, Math.abs(trial[k + 1] - theta[k + 1]));
    theta.set(trial);
    if (largest < tolerance) {
      iterations++;
      break;
    }
  }
  let mean = 0;
  for (let i = 0; i < m; i++) mean += theta[i];
  mean /= m;
  return { logStrength: Array.from(theta, (t) => t - mean), iterations };
}

function logLikelihood(wins: ArrayLike<number>, m: number, theta: ArrayLike<number>): number {
  let value = 0;
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      const wij = wins[i * m + j];
      const wji = wins[j * m + i];
      if (wij + wji === 0) continue;
      const d = theta[i] - theta[j];
      // log(1 + e^x) computed stably.
      const softplus = (x: number) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));
      value -= wij * softplus(-d) + wji * softplus(d);
    }
  }
  return value;
}

/** Cholesky solve of A x = b for a symmetric positive definite A (n × n); false if A is not. */
function solveSymmetric(a: Float64Array, b: Float64Array, x: Float64Array, n: number): boolean {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j];
      for (let k = 0; k < j; k++) sum -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (!(sum > 1e-300)) return false;
        l[i * n + i] = Math.sqrt(sum);
      } else {
        l[i * n + j] = sum / l[j * n + j];
      }
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[i * n + k] * y[k];
    y[i] = sum / l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i];
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i] * x[k];
    x[i] = sum / l[i * n + i];
  }
  return true;
}

/** Every system reaches every other along "beats" edges (i → j when W_ij > 0). */
export function stronglyConnected(wins: ArrayLike<number>, m: number): boolean {
  const reaches = (forward: boolean) => {
    const seen = new Uint8Array(m);
    const stack = [0];
    seen[0] = 1;
    let count = 1;
    while (stack.length > 0) {
      const i = stack.pop()!;
      for (let j = 0; j < m; j++) {
        if (seen[j]) continue;
        const w = forward ? wins[i * m + j] : wins[j * m + i];
        if (w > 0) {
          seen[j] = 1;
          count++;
          stack.push(j);
        }
      }
    }
    return count === m;
  };
  return reaches(true) && reaches(false);
}
