import { Construct } from 'constructs';

// Options as error messages show them: what the user set, as JSON that cannot fail on constructs
// (their tree is circular) or grow with them.

/**
 * `options` without unset fields, constructs as their paths and class instances as their class name,
 * for `fieldError()`'s value.
 */
export function shownOptions(options: object): { [key: string]: unknown } {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined).map(([k, v]) => [k, shown(v)]));
}

function shown(value: unknown): unknown {
  if (value === null || typeof value !== 'object') {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map(shown);
  }
  if (Construct.isConstruct(value)) {
    return value.node.path;
  }
  return Object.getPrototypeOf(value) === Object.prototype ? shownOptions(value) : value.constructor.name;
}
