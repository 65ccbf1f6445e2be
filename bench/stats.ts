/** Timing helpers for the benchmark: runs, median and 95th percentile (nearest rank), in milliseconds. */

export interface Stat {
  runs: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

/** Median, p95 (nearest rank), min and max of `ms` (not empty). */
export function summarize(ms: readonly number[]): Stat {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
  return { runs: s.length, median: at(0.5), p95: at(0.95), min: s[0], max: s[s.length - 1] };
}

/**
 * Times `service(input)` and, interleaved in the same loop, `bare(input)`, over `runs` runs after `warmup` untimed
 * ones, cycling through `inputs`.
 */
export async function measure<T>(opts: {
  runs: number;
  warmup?: number;
  inputs: readonly T[];
  service: (input: T, i: number) => unknown;
  bare?: ((input: T, i: number) => unknown) | null;
}): Promise<{ service: Stat; bare: Stat | null }> {
  const s: number[] = [];
  const b: number[] = [];
  const warmup = opts.warmup ?? Math.min(5, opts.runs);
  for (let i = 0; i < warmup + opts.runs; i++) {
    const input = opts.inputs[i % opts.inputs.length];
    let t = performance.now();
    await opts.service(input, i);
    const ts = performance.now() - t;
    let tb = 0;
    if (opts.bare) {
      t = performance.now();
      await opts.bare(input, i);
      tb = performance.now() - t;
    }
    if (i >= warmup) {
      s.push(ts);
      if (opts.bare) b.push(tb);
    }
  }
  return { service: summarize(s), bare: opts.bare ? summarize(b) : null };
}
