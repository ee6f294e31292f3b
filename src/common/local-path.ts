import * as path from 'path';

// A path the user gave, as an error message shows it: absolute, so that a newcomer sees where the
// library looked, with the working directory a relative path was resolved against.

/** `/abs/path`, or `/abs/path (vendor/x, from the working directory /cwd)` for a relative path. */
export function shownPath(given: string): string {
  const absolute = path.resolve(given);
  return path.isAbsolute(given) ? absolute : `${absolute} (${given}, from the working directory ${process.cwd()})`;
}
