// "Did you mean ...?" for mistyped names: the candidate with the fewest single-character edits
// (insert, delete, replace, swap two neighbours), ignoring case. Only for error messages: it is
// computed when a name is already known to be wrong.

/** Edits between two strings (optimal string alignment distance), stopping early above `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) {
    return limit + 1;
  }
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, before[j - 2] + 1);
      }
      current.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) {
      return limit + 1;
    }
    [before, previous] = [previous, current];
  }
  return previous[b.length];
}

/**
 * The candidate closest to `name`, if one is close enough to be a likely typo: at most a third of
 * the name's characters (and at most 3) differ. The first of equally close candidates wins.
 */
export function nearest(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  const wanted = name.toLowerCase();
  let found: string | undefined;
  let best = limit + 1;
  for (const candidate of candidates) {
    const d = distance(wanted, candidate.toLowerCase(), Math.min(limit, best - 1));
    if (d < best && candidate !== name) {
      found = candidate;
      best = d;
    }
  }
  return found;
}
