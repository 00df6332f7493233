// Small statistics helpers.
export function median(values) {
  const sorted = [...values].filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The p-th percentile (0–100) of a typed array, nearest-rank. Sorts the array in place. */
export function percentile(sortedOrNot, p, alreadySorted = false) {
  const values = alreadySorted ? sortedOrNot : sortedOrNot.sort();
  if (values.length === 0) return Number.NaN;
  const rank = Math.min(values.length - 1, Math.max(0, Math.ceil((p / 100) * values.length) - 1));
  return values[rank];
}
