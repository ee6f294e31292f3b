import { Duration, Size } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { describeValue, fieldMessage } from './field-errors';

// The JavaScript types of the values users give, checked once where they enter the library (the
// props of every construct, the options of every factory), so that a string for a number, a plain
// object where a factory's result belongs, a null, a BigInt or a cyclic object ends in our own
// `[path] field: value rule. hint` error instead of a TypeError deep inside. TypeScript and jsii check
// the types of typed callers; JavaScript callers, and values read from JSON or YAML configs, reach
// the library unchecked. The rules about the values themselves (ranges, names, versions) stay with
// the constructs.

/** Where a value does not fit its shape: the field (relative to the checked value), the value, the rule. */
export interface Misfit {
  readonly field: string;
  readonly value: unknown;
  readonly rule: string;
  readonly hint?: string;
}

/** Checks a value that is set (not undefined); returns the first misfit, if any. */
export type Shape = (value: unknown, field: string) => Misfit | undefined;

/** The fields of a struct and their shapes. */
export type Fields = { readonly [field: string]: Shape };

const hasOwn = (obj: object, key: string) => Object.prototype.hasOwnProperty.call(obj, key);

/**
 * `obj[key]` if `obj` has it as an own property: a map's key `constructor` or `toString` is a key
 * like any other, not the method every object inherits.
 */
export function own(obj: { readonly [key: string]: unknown } | undefined, key: string): any {
  return obj !== undefined && obj !== null && hasOwn(obj, key) ? obj[key] : undefined;
}

/** What a wrong value is, in words: `a string`, `null`, `a plain object`, `a KafkaTopic`. */
export function kindOf(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  if (typeof value === 'object' || typeof value === 'function') {
    if (typeof value === 'function') {
      return 'a function';
    }
    const proto = Object.getPrototypeOf(value);
    const name = proto === null || proto === Object.prototype ? undefined : safeName(proto);
    return name ? `a ${name}` : 'a plain object';
  }
  return typeof value === 'bigint' ? 'a BigInt' : `a ${typeof value}`;
}

function safeName(proto: object): string | undefined {
  try {
    const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === 'string' && name.length > 0 ? name : undefined;
  } catch {
    return undefined;
  }
}

function misfit(field: string, value: unknown, expected: string, hint?: string): Misfit {
  const rule = value === null ? `must be ${expected}, not null` : `must be ${expected}, not ${kindOf(value)}`;
  return { field, value, rule, hint: hint ?? (value === null ? 'Leave it unset (undefined) instead of null' : undefined) };
}

function join(field: string, key: string | number): string {
  return typeof key === 'number' ? `${field}[${key}]` : joinPart(field, partOf(key));
}

/** How `key` appears in a field path: `name`, or `["s3.bucket.name"]` where a key is not an identifier. */
function partOf(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) && key !== '__proto__' ? key : `[${JSON.stringify(key)}]`;
}

function joinPart(field: string, part: string): string {
  return field === '' || part.startsWith('[') ? `${field}${part}` : `${field}.${part}`;
}

/** A value of JavaScript type `type` that passes `test`. */
function primitive(expected: string, test: (v: unknown) => boolean): Shape {
  return (v, f) => (test(v) ? undefined : misfit(f, v, expected));
}

export const STRING = primitive('a string', v => typeof v === 'string');
export const BOOLEAN = primitive('a boolean', v => typeof v === 'boolean');
/** A finite number; NaN and Infinity are numbers no manifest can hold. */
export const NUMBER = primitive('a finite number', v => typeof v === 'number' && Number.isFinite(v));
/** A number without fraction (the constructs say which range). */
export const INTEGER: Shape = (v, f) => (typeof v === 'number' && Number.isSafeInteger(v) ? undefined
  : typeof v === 'number' ? { field: f, value: v, rule: 'must be an integer' } : misfit(f, v, 'an integer'));

/** Any value (checked by the construct that reads it). */
export const ANY: Shape = () => undefined;

// Objects of JavaScript's built-in classes have no fields a struct could read: a Date or a Map given
// as options would otherwise pass as empty options.
const BUILT_INS: Array<abstract new (...args: never[]) => object> = [
  Date, Map, Set, WeakMap, WeakSet, RegExp, Promise, Error, Number, String, Boolean, ArrayBuffer,
];

function isOptionsObject(v: unknown): boolean {
  if (v === null || typeof v !== 'object') {
    return false;
  }
  // Options are almost always object literals: settled without the checks below.
  return Object.getPrototypeOf(v) === Object.prototype
    || (!Array.isArray(v) && !ArrayBuffer.isView(v) && !BUILT_INS.some(c => v instanceof c));
}

/** Any object (the options of an `addX()` method, checked field by field where they are used). */
export const OPTIONS = primitive('an object of options', isOptionsObject);

/** A value of one of the string enums (`KafkaListenerType`, ...). */
export function enumOf(values: object, name: string): Shape {
  const allowed = Object.values(values) as unknown[];
  return (v, f) => (allowed.includes(v) ? undefined
    : { field: f, value: v, rule: `is not one of ${allowed.map(a => describeValue(a)).join(', ')}`, hint: `Use ${name}.<member>` });
}

/**
 * An instance of the class `type()` names, made by its factories (`made` says how). The class is
 * looked up when a value is checked: shapes are module constants, and modules import each other.
 */
export function instanceOf(name: string, type: () => { prototype: object }, made: string): Shape {
  return (v, f) => (v instanceof (type() as any) ? undefined : misfit(f, v, `a ${name}`, `Make it with ${made}`));
}

/** A cdk8s Size. */
export const SIZE = instanceOf('Size', () => Size, 'Size.gibibytes(), Size.mebibytes(), ... of cdk8s');

/** A cdk8s Duration. */
export const DURATION = instanceOf('Duration', () => Duration, 'Duration.seconds(), Duration.minutes(), ... of cdk8s');

/** A construct. */
export function construct(what: string): Shape {
  return (v, f) => (Construct.isConstruct(v) ? undefined : misfit(f, v, what));
}

/** Any object whose fields have these shapes (for interfaces that users implement, such as ITriggerAuthentication). */
export function duck(what: string, fields: Fields): Shape {
  return (v, f) => {
    if (v === null || typeof v !== 'object') {
      return misfit(f, v, what);
    }
    for (const [key, shape] of Object.entries(fields)) {
      const value = (v as { [key: string]: unknown })[key];
      const m = value === undefined ? misfit(join(f, key), value, describeExpected(shape)) : shape(value, join(f, key));
      if (m) {
        return { ...m, rule: `${m.rule} (${what})` };
      }
    }
    return undefined;
  };
}

// What a shape expects, found by showing it a value no shape accepts.
function describeExpected(shape: Shape): string {
  const m = shape(Symbol('?'), '');
  return m?.rule.replace(/^must be (.*), not .*$/, '$1') ?? 'set';
}

/** The first shape that fits; otherwise the misfit of the one for the value's JavaScript type, or a list of what fits. */
export function anyOf(expected: string, ...shapes: Shape[]): Shape {
  return (v, f) => {
    const misfits = new Array<Misfit>();
    for (const shape of shapes) {
      const m = shape(v, f);
      if (!m) {
        return undefined;
      }
      misfits.push(m);
    }
    // A deeper misfit (inside an object that has the right type) says more than "not one of".
    return misfits.find(m => m.field !== f) ?? misfit(f, v, expected);
  };
}

/** An array whose items have `item`'s shape (no holes, no undefined items). */
export function arrayOf(item: Shape): Shape {
  return (v, f) => {
    if (!Array.isArray(v)) {
      return misfit(f, v, `an array of ${describeExpected(item)}`);
    }
    for (let i = 0; i < v.length; i++) {
      const m = v[i] === undefined ? misfit(join(f, i), undefined, describeExpected(item)) : item(v[i], join(f, i));
      if (m) {
        return m;
      }
    }
    return undefined;
  };
}

// Keys no object the library writes may have: `__proto__` changes an object's prototype when
// assigned (prototype pollution), and `<<` is YAML 1.1's merge key, which kubectl's parser (and
// cdk8s's own) reads as "merge this map" instead of a key: written unquoted by cdk8s, it makes the
// file fail to parse ("Merge sources must be maps") or silently merges an object value.
// (A Map: in an object literal, the key `'__proto__'` would set the literal's prototype instead.)
const FORBIDDEN_KEYS = new Map([
  ['__proto__', 'is JavaScript\'s prototype property, not a key a manifest can carry'],
  ['<<', 'is YAML\'s merge key: kubectl would merge its value instead of reading it as a key'],
]);

/** Why `key` cannot be a key of an emitted object, or undefined. */
export function forbiddenKey(key: string): string | undefined {
  return FORBIDDEN_KEYS.get(key);
}

function isPlainObject(v: unknown): v is { [key: string]: unknown } {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    return false;
  }
  const proto = Object.getPrototypeOf(v);
  return proto === null || proto === Object.prototype;
}

/** A plain object (a map) whose own keys are allowed and whose values have `value`'s shape. */
export function mapOf(value: Shape): Shape {
  return (v, f) => {
    if (!isPlainObject(v)) {
      return misfit(f, v, 'a plain object (a map of keys to values)');
    }
    for (const key of Object.keys(v)) {
      const forbidden = forbiddenKey(key);
      if (forbidden) {
        return { field: join(f, key), value: key, rule: forbidden, hint: 'Remove the key' };
      }
      const m = v[key] === undefined ? undefined : value(v[key], join(f, key));
      if (m) {
        return m;
      }
    }
    return undefined;
  };
}

// Deeper values are almost certainly a mistake (or a cycle); the stack of the rest of the library
// must not depend on them.
const MAX_JSON_DEPTH = 64;

/**
 * A JSON value (free-form config, an override's value): strings, finite numbers, booleans, null, and
 * arrays and plain objects of them, without cycles and without forbidden keys. `undefined` in an
 * object means "not set" and is allowed there.
 */
export const JSON_VALUE: Shape = (v, f) => jsonMisfit(v, f, []);

/** A plain object of JSON values (free-form config). */
export const JSON_MAP: Shape = (v, f) => (isPlainObject(v) ? jsonMisfit(v, f, []) : misfit(f, v, 'a plain object (a map of keys to values)'));

// A string, boolean, null or finite number: needs no further check (nor a field path).
function isJsonLeaf(v: unknown): boolean {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

// `ancestors` is the stack of objects from the checked value down to `v`'s parent (for cycles).
function jsonMisfit(v: unknown, f: string, ancestors: object[]): Misfit | undefined {
  if (isJsonLeaf(v)) {
    return undefined;
  }
  if (typeof v === 'number') {
    return { field: f, value: v, rule: 'must be a finite number (JSON and YAML have no NaN or Infinity)' };
  }
  if (typeof v !== 'object' || v === null) { // (null is a leaf: the check narrows the type)
    return misfit(f, v, 'a JSON value (a string, number, boolean, null, array or plain object)');
  }
  if (ancestors.includes(v)) {
    return { field: f, value: '[circular]', rule: 'refers to an object that contains it (a cycle), which no manifest can hold' };
  }
  if (ancestors.length >= MAX_JSON_DEPTH) {
    return { field: f, value: '[...]', rule: `is nested more than ${MAX_JSON_DEPTH} levels deep` };
  }
  if (!Array.isArray(v) && !isPlainObject(v)) {
    return misfit(f, v, 'a JSON value (a string, number, boolean, null, array or plain object)');
  }
  if (!Array.isArray(v) && Object.getPrototypeOf(v) === null) {
    // cdk8s's serializer reads `constructor.name` of every object it writes, and fails on these.
    return { field: f, value: v, rule: 'is an object without prototype (Object.create(null)), which cdk8s cannot write', hint: 'Copy it into a plain object: { ...value }' };
  }
  ancestors.push(v);
  const m = Array.isArray(v) ? jsonArrayMisfit(v, f, ancestors) : jsonObjectMisfit(v, f, ancestors);
  ancestors.pop();
  return m;
}

function jsonArrayMisfit(v: unknown[], f: string, ancestors: object[]): Misfit | undefined {
  for (let i = 0; i < v.length; i++) {
    const m = isJsonLeaf(v[i]) ? undefined
      : v[i] === undefined ? misfit(join(f, i), undefined, 'a JSON value') : jsonMisfit(v[i], join(f, i), ancestors);
    if (m) {
      return m;
    }
  }
  return undefined;
}

function jsonObjectMisfit(v: { [key: string]: unknown }, f: string, ancestors: object[]): Misfit | undefined {
  for (const key of Object.keys(v)) {
    const forbidden = forbiddenKey(key);
    if (forbidden) {
      return { field: join(f, key), value: key, rule: forbidden, hint: 'Remove the key' };
    }
    const m = v[key] === undefined || isJsonLeaf(v[key]) ? undefined : jsonMisfit(v[key], join(f, key), ancestors);
    if (m) {
      return m;
    }
  }
  return undefined;
}

/**
 * A struct: an object with these fields (undefined is "not set"), the `required` ones set, and, when
 * it is a plain object, no other fields, since a misspelled option would otherwise be dropped silently.
 */
export function struct(name: string, fields: Fields, required: readonly string[] = []): Shape {
  // Computed once per shape, not per checked value: structs are checked for every connector and topic.
  const checks = Object.entries(fields).map(([key, shape]) => ({ key, shape, part: partOf(key) }));
  return (v, f) => {
    if (!isOptionsObject(v)) {
      return misfit(f, v, `an object (${name})`);
    }
    const obj = v as { [key: string]: unknown };
    for (const key of required) {
      if (obj[key] === undefined) {
        return { field: join(f, key), value: undefined, rule: `is required (${name})`, hint: `Set ${key}` };
      }
    }
    if (isPlainObject(obj)) {
      for (const key of Object.keys(obj)) {
        if (obj[key] !== undefined && !hasOwn(fields, key)) {
          return {
            field: join(f, key),
            value: obj[key],
            rule: `is not a field of ${name}`,
            hint: `Its fields: ${Object.keys(fields).join(', ')}`,
          };
        }
      }
    }
    for (const { key, shape, part } of checks) {
      const value = obj[key];
      const m = value === undefined ? undefined : shape(value, joinPart(f, part));
      if (m) {
        return m;
      }
    }
    return undefined;
  };
}

/** Where a checked value comes from: a construct, or a factory such as `KafkaStorage.persistentClaim`. */
export type InputOwner = IConstruct | string;

function ownerPath(owner: InputOwner): string {
  return typeof owner === 'string' ? owner : owner.node.path;
}

/**
 * Throws our error for the first misfit of `value` (named `field` in messages; '' for the fields
 * of a props object at the top level). `undefined` is refused only when `required`.
 */
export function checkInput(owner: InputOwner, field: string, value: unknown, shape: Shape, required = true): void {
  if (value === undefined) {
    if (required) {
      throw new Error(`[${ownerPath(owner)}] ${fieldMessage(field || 'props', value, 'is required')}`);
    }
    return;
  }
  const m = shape(value, field);
  if (m) {
    throw new Error(`[${ownerPath(owner)}] ${fieldMessage(m.field || field || 'props', m.value, m.rule, m.hint)}`);
  }
}

/**
 * The id of a new construct, checked: a non-empty string that no sibling has. The constructs library
 * would throw its own "There is already a Construct with name ..." instead, which names neither the
 * other construct nor what to do. `kind` says what is being added. With `shape`, also checks the
 * construct's `props` (messages carry the new construct's path): call it in the `super()` arguments,
 * before anything reads the props.
 */
export function vacantId(scope: IConstruct, id: unknown, kind: string, props?: unknown, shape?: Shape): string {
  const vacant = checkVacant(scope, id, `a new ${kind}`, kind);
  // The path (a walk up the tree) is only built for an error message.
  if (shape && (props === undefined || shape(props, '') !== undefined)) {
    const path = scope.node.path === '' ? vacant : `${scope.node.path}/${vacant}`;
    checkInput(path, '', props, shape);
  }
  return vacant;
}

/**
 * The id the library gives a construct it creates for the user (`what`, for example "the KafkaUser
 * KEDA reads consumer lag with"), checked like `vacantId`, so that a clash with a construct of the
 * user names both.
 */
export function vacantGeneratedId(scope: IConstruct, id: string, what: Lazily<string>): string {
  return checkVacant(scope, id, what, what);
}

/**
 * A text made only when it is needed, such as one that names a construct path (a walk up the tree)
 * for an error message that is rarely written.
 */
export type Lazily<T> = T | (() => T);

function now<T>(value: Lazily<T>): T {
  return typeof value === 'function' ? (value as () => T)() : value;
}

function checkVacant(scope: IConstruct, id: unknown, wanted: Lazily<string>, kind: Lazily<string>): string {
  if (!Construct.isConstruct(scope)) {
    throw new Error(`[${now(kind)}] ${fieldMessage('scope', scope, `must be a construct, not ${kindOf(scope)}`, 'Pass the construct to add it to')}`);
  }
  // The root of a tree (the App) has the path '': named by its class instead of an empty `[]`.
  const where = () => (scope.node.path === '' ? scope.constructor.name : scope.node.path);
  if (typeof id !== 'string' || id.length === 0) {
    throw new Error(`[${where()}] ${fieldMessage('id', id, `of ${now(wanted)} must be a non-empty string${typeof id === 'string' ? '' : `, not ${kindOf(id)}`}`)}`);
  }
  const existing = scope.node.tryFindChild(id);
  if (existing) {
    throw new Error(`[${where()}] ${fieldMessage('id', id, `is wanted by ${now(wanted)}, but is already the id of ${describeConstruct(existing)}; `
      + 'the children of a construct need different ids', 'Give one of them another id')}`);
  }
  return id;
}

// Constructs the library creates on the user's behalf, with what they are for, so that an id clash
// with one of them says so.
const generated = new WeakMap<IConstruct, Lazily<string>>();

/** Records that the library created `c`, and why. */
export function markGenerated<T extends IConstruct>(c: T, why: Lazily<string>): T {
  generated.set(c, why);
  return c;
}

/** `the KafkaUser p-kafka/events/keda-tls (created by the library: ...)` */
export function describeConstruct(c: IConstruct): string {
  const why = generated.get(c);
  return `the ${c.constructor.name} ${c.node.path}${why ? ` (created by the library: ${now(why)})` : ''}`;
}
