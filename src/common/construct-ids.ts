// Construct ids the library makes from names (`<namespace>-<connector>-tasks`, ...). Joined with '-'
// as they are, different names could give one id (namespace `b-c` with connector `a`, namespace `b`
// with connector `c-a`), and the second construct would fail with the constructs library's own error.
// So every part is escaped: a part that is a Kubernetes name (lowercase letters, digits, '-' and '.',
// starting and ending with a letter or digit) keeps its letters and has each '-' doubled, and any
// other text has every other character written as `_<hex>` of its UTF-8 bytes (an empty part is `_`).
// Then no part has a run of an odd number of '-', so the single '-' between parts tells them apart:
// different parts always give different ids. Names without '-' keep their readable id: namespace
// `kafka` and connector `orders` give `kafka-orders-tasks`, connector `orders-s3` `kafka-orders--s3-tasks`.

const NAME_LIKE = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** One part of a generated id, escaped so that joining parts with '-' is unambiguous. */
export function idPart(text: string): string {
  if (NAME_LIKE.test(text)) {
    return text.replace(/-/g, '--');
  }
  if (text === '') {
    return '_';
  }
  return [...Buffer.from(text, 'utf-8')].map(b => {
    const c = String.fromCharCode(b);
    return /[a-z0-9.]/.test(c) ? c : `_${b.toString(16).padStart(2, '0')}`;
  }).join('');
}

/** A construct id made of `parts`; different part lists never give the same id. */
export function joinedId(...parts: string[]): string {
  return parts.map(idPart).join('-');
}
