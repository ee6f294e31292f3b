// Validates objects against the OpenAPI v3 schemas of the CRDs that serve them, as the API server
// does with strict field validation (kubectl's default since Kubernetes 1.27): types, required
// fields, enums, bounds, patterns, `oneOf`/`anyOf` value rules, `x-kubernetes-int-or-string`,
// `x-kubernetes-preserve-unknown-fields`, `nullable`, and unknown fields as errors. Not evaluated:
// `format` and CEL rules (`x-kubernetes-validations`). The tests run the same objects through ajv
// against the upstream CRDs and expect the same verdicts.
//
// Every object of a stage passes through here at each synth, so a valid object costs no allocation:
// the field path is a stack of segments that becomes a string only for an error, and messages (with
// the nearest-field suggestion) are built only on the error path.
//
// Properties are looked up as own properties only, in the schema and in the value: a plain object
// inherits `toString`, `constructor` or `hasOwnProperty`, which must never pass for fields.

import { Manifest } from '../common/manifest';
import { nearest } from '../common/nearest';

/** An OpenAPI v3 schema node of a CRD, as parsed from YAML. */
type SchemaNode = { [keyword: string]: any };

/** One error: where, what, and what to do instead. */
interface SchemaError {
  readonly path: string;
  readonly message: string;
  readonly hint?: string;
}

/**
 * Where a check is in the value (a stack of keys and indexes), and what it found. In `quiet` mode
 * (inside `oneOf`/`anyOf` branches, which only count as passing or not) nothing is recorded.
 */
class Cursor {
  public quiet = 0;
  public found?: SchemaError[];
  private readonly segments = new Array<string | number>();

  public enter(segment: string | number): void {
    this.segments.push(segment);
  }

  public leave(): void {
    this.segments.pop();
  }

  /** Records an error at the current path; always false, so checks can `return at.error(...)`. */
  public error(message: string, hint?: string): false {
    let path = '';
    for (const s of this.segments) {
      path += typeof s === 'number' ? `[${s}]` : path === '' ? s : `.${s}`;
    }
    (this.found ??= []).push({ path, message, hint });
    return false;
  }

  public reset(): void {
    this.found = undefined;
    this.segments.length = 0;
    this.quiet = 0;
  }
}

/** Checks a value at the cursor; true when it is valid. Errors are recorded unless the cursor is quiet. */
type Check = (value: unknown, at: Cursor) => boolean;

const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/** A schema keyword, only when the node itself has it. */
function keyword(s: SchemaNode, name: string): any {
  return hasOwn(s, name) ? s[name] : undefined;
}

const isObject = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v);

const TYPES = new Map<string, (v: unknown) => boolean>([
  ['object', isObject],
  ['array', v => Array.isArray(v)],
  ['string', v => typeof v === 'string'],
  ['integer', v => Number.isInteger(v)],
  ['number', v => typeof v === 'number' && Number.isFinite(v)],
  ['boolean', v => typeof v === 'boolean'],
]);

function show(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/**
 * Compiles a schema node. `structural` is false inside `oneOf`/`anyOf` branches, which only
 * constrain values and never make fields unknown.
 */
function compile(s: SchemaNode, structural: boolean): Check {
  const nullable = keyword(s, 'nullable') === true;
  const typeCheck = typeCheckOf(s);
  const rules = [...valueChecks(s), ...itemChecks(s, structural)];
  if (keyword(s, 'type') === 'object' || keyword(s, 'properties') !== undefined || keyword(s, 'additionalProperties') !== undefined) {
    rules.push(objectCheck(s, structural && keyword(s, 'x-kubernetes-preserve-unknown-fields') !== true));
  }
  rules.push(...alternativeChecks(s));
  return (value, at) => {
    if (value === null || value === undefined) {
      return nullable || (at.quiet === 0 && at.error('must not be null'));
    }
    if (typeCheck !== undefined && !typeCheck(value, at)) {
      return false; // a value of the wrong type: the other rules would only repeat it
    }
    let valid = true;
    for (let i = 0; i < rules.length && (valid || at.quiet === 0); i++) {
      valid = rules[i](value, at) && valid;
    }
    return valid;
  };
}

function typeCheckOf(s: SchemaNode): Check | undefined {
  if (keyword(s, 'x-kubernetes-int-or-string')) {
    return (v, at) => Number.isInteger(v) || typeof v === 'string' || (at.quiet === 0 && at.error(`${show(v)} must be an integer or a string`));
  }
  const type = keyword(s, 'type');
  if (typeof type === 'string') {
    const is = TYPES.get(type) ?? (() => true);
    return (v, at) => is(v) || (at.quiet === 0 && at.error(`${show(v)} must be of type ${type}`));
  }
  return undefined;
}

/** enum, bounds, lengths and patterns: rules on a value of the right type. */
function valueChecks(s: SchemaNode): Check[] {
  const checks = new Array<Check>();
  const values = keyword(s, 'enum');
  if (Array.isArray(values)) {
    checks.push((v, at) => values.includes(v) || (at.quiet === 0 && at.error(`${show(v)} must be one of ${values.map(show).join(', ')}`)));
  }
  const minimum = keyword(s, 'minimum');
  if (typeof minimum === 'number') {
    checks.push((v, at) => typeof v !== 'number' || v >= minimum || (at.quiet === 0 && at.error(`${v} must be >= ${minimum}`)));
  }
  const maximum = keyword(s, 'maximum');
  if (typeof maximum === 'number') {
    checks.push((v, at) => typeof v !== 'number' || v <= maximum || (at.quiet === 0 && at.error(`${v} must be <= ${maximum}`)));
  }
  const minLength = keyword(s, 'minLength');
  if (typeof minLength === 'number') {
    checks.push((v, at) => typeof v !== 'string' || v.length >= minLength
      || (at.quiet === 0 && at.error(`${show(v)} must have at least ${minLength} characters`)));
  }
  const pattern = keyword(s, 'pattern');
  if (typeof pattern === 'string') {
    const re = new RegExp(pattern, 'u');
    checks.push((v, at) => typeof v !== 'string' || re.test(v) || (at.quiet === 0 && at.error(`${show(v)} must match the pattern ${pattern}`)));
  }
  const minItems = keyword(s, 'minItems');
  if (typeof minItems === 'number') {
    checks.push((v, at) => !Array.isArray(v) || v.length >= minItems || (at.quiet === 0 && at.error(`must have at least ${minItems} item(s)`)));
  }
  return checks;
}

function itemChecks(s: SchemaNode, structural: boolean): Check[] {
  const items = keyword(s, 'items');
  if (!isObject(items)) {
    return [];
  }
  const item = compile(items, structural);
  return [(v, at) => {
    if (!Array.isArray(v)) {
      return true;
    }
    let valid = true;
    for (let i = 0; i < v.length && (valid || at.quiet === 0); i++) {
      at.enter(i);
      valid = item(v[i], at) && valid;
      at.leave();
    }
    return valid;
  }];
}

function alternativeChecks(s: SchemaNode): Check[] {
  const checks = new Array<Check>();
  for (const [name, many] of [['oneOf', false], ['anyOf', true]] as const) {
    const alternatives = keyword(s, name);
    if (Array.isArray(alternatives)) {
      const branches: Check[] = alternatives.map((b: SchemaNode) => compile(b, false));
      checks.push((v, at) => {
        at.quiet++;
        let passing = 0;
        for (const branch of branches) {
          passing += branch(v, at) ? 1 : 0;
        }
        at.quiet--;
        return (many ? passing > 0 : passing === 1)
          || (at.quiet === 0 && at.error(`${show(v)} must match ${many ? 'at least one' : 'exactly one'} of the alternatives of the schema (${name})`));
      });
    }
  }
  return checks;
}

function objectCheck(s: SchemaNode, strict: boolean): Check {
  const properties = new Map<string, Check>();
  const declared = keyword(s, 'properties');
  for (const key of isObject(declared) ? Object.keys(declared) : []) {
    properties.set(key, compile(declared[key], true));
  }
  const additionalProperties = keyword(s, 'additionalProperties');
  const additional = isObject(additionalProperties) ? compile(additionalProperties, true) : undefined;
  const forbidAdditional = additionalProperties === false || (additionalProperties === undefined && strict);
  const required = keyword(s, 'required');
  const requiredKeys: string[] = Array.isArray(required) ? required : [];
  return (value, at) => {
    if (!isObject(value)) {
      return true; // the type check reports it
    }
    const v = value as { [key: string]: unknown };
    let valid = true;
    for (const key of requiredKeys) {
      if (!hasOwn(v, key) || v[key] === undefined) {
        valid = at.quiet > 0 ? false : missing(at, key);
      }
    }
    for (const key in v) {
      if (!hasOwn(v, key) || (!valid && at.quiet > 0)) {
        continue;
      }
      const check = properties.get(key) ?? additional;
      if (check !== undefined) {
        at.enter(key);
        valid = check(v[key], at) && valid;
        at.leave();
      } else if (forbidAdditional) {
        valid = at.quiet > 0 ? false : unknownField(at, key, properties);
      }
    }
    return valid;
  };
}

function missing(at: Cursor, key: string): false {
  at.enter(key);
  at.error('is required');
  at.leave();
  return false;
}

function unknownField(at: Cursor, key: string, properties: Map<string, Check>): false {
  at.enter(key);
  const suggestion = nearest(key, properties.keys());
  at.error('is not a field of this resource', suggestion === undefined ? undefined : `Did you mean \`${suggestion}\`?`);
  at.leave();
  return false;
}

interface ServedSchema {
  readonly source: string;
  readonly schema: SchemaNode;
  check?: Check;
}

const NO_ERRORS: readonly string[] = Object.freeze([]);

/** The schemas of a set of CRDs, by the `apiVersion` and kind they serve. */
export class CrdSchemaSet {
  // apiVersion -> kind -> schema: looked up without building a key string per object.
  private readonly served = new Map<string, Map<string, ServedSchema>>();
  private readonly cursor = new Cursor();

  /**
   * @param crds CustomResourceDefinition objects
   * @param label names their origin in messages, for example `Strimzi 1.2.0`
   */
  constructor(crds: Manifest[], label: string) {
    for (const crd of crds) {
      for (const version of crd.spec?.versions ?? []) {
        if (version.served && version.schema?.openAPIV3Schema) {
          const apiVersion = `${crd.spec.group}/${version.name}`;
          const kinds = this.served.get(apiVersion) ?? new Map<string, ServedSchema>();
          this.served.set(apiVersion, kinds);
          kinds.set(crd.spec.names.kind, {
            source: `the ${crd.spec.names.kind} CRD of ${label}, version ${version.name}`,
            schema: version.schema.openAPIV3Schema,
          });
        }
      }
    }
  }

  /** Whether a CRD of the set serves the object's apiVersion and kind. */
  public serves(manifest: Manifest): boolean {
    return this.served.get(manifest.apiVersion)?.has(manifest.kind) ?? false;
  }

  /** What is wrong with the object, as `<field path>: <rule> (<CRD>)[. <hint>]` lines; empty when it validates. */
  public errors(manifest: Manifest): readonly string[] {
    const served = this.served.get(manifest.apiVersion)?.get(manifest.kind);
    if (!served) {
      return NO_ERRORS;
    }
    // The API server handles apiVersion, kind and metadata itself.
    served.check ??= compile({
      ...served.schema,
      properties: { ...keyword(served.schema, 'properties'), apiVersion: {}, kind: {}, metadata: { 'x-kubernetes-preserve-unknown-fields': true } },
    }, true);
    const at = this.cursor;
    at.reset();
    if (served.check(manifest, at) || at.found === undefined) {
      return NO_ERRORS;
    }
    return at.found.map(e => `${e.path}: ${e.message} (${served.source})${e.hint ? `. ${e.hint}` : ''}`);
  }
}
