/** Small statistics over samples: median, percentiles and spread. */

/** The samples sorted ascending (a copy). */
function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** The p-th percentile (0..100) by linear interpolation; `NaN` for no samples. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const s = sorted(values);
  const rank = (p / 100) * (s.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return s[low]! + (s[high]! - s[low]!) * (rank - low);
}

/** The median; `NaN` for no samples. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Median with min–max and interquartile range of a set of samples. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly p25: number;
  readonly p75: number;
  readonly samples: readonly number[];
}

/** The {@link Spread} of `values`. */
export function spread(values: readonly number[]): Spread {
  return {
    median: median(values),
    min: values.length === 0 ? Number.NaN : Math.min(...values),
    max: values.length === 0 ? Number.NaN : Math.max(...values),
    p25: percentile(values, 25),
    p75: percentile(values, 75),
    samples: values,
  };
}
