/**
 * The JSON pointers where `after` differs from `before`: `+/a/b` added, `-/a/b` removed,
 * `~/a/b` changed. Objects are compared by key (order does not matter), arrays by index.
 */
export function jsonDiff(before: any, after: any, pointer = ''): string[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap(k => {
      const p = `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (!(k in after)) return [`-${p}`];
      if (!(k in before)) return [`+${p}`];
      return jsonDiff(before[k], after[k], p);
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const n = Math.max(before.length, after.length);
    const diffs = new Array<string>();
    for (let i = 0; i < n; i++) {
      if (i >= after.length) diffs.push(`-${pointer}/${i}`);
      else if (i >= before.length) diffs.push(`+${pointer}/${i}`);
      else diffs.push(...jsonDiff(before[i], after[i], `${pointer}/${i}`));
    }
    return diffs;
  }
  return before === after ? [] : [`~${pointer || '/'}`];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
