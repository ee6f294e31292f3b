/** Values that appear more than once, in first-seen order. */
export function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) {
      dups.add(v);
    }
    seen.add(v);
  }
  return [...dups];
}
