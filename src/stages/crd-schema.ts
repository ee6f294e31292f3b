// Validates objects against the OpenAPI v3 schemas of the CRDs that serve them, as the API server
// does with strict field validation (kubectl's default since Kubernetes 1.27): types, required
// fields, enums, bounds, patterns, `oneOf`/`anyOf` value rules, `x-kubernetes-int-or-string`,
// `x-kubernetes-preserve-unknown-fields`, `nullable`, and unknown fields as errors. Not evaluated:
// `format` and CEL rules (`x-kubernetes-validations`). The tests run the same objects through ajv
// against the upstream CRDs and expect the same verdicts.

import { Manifest } from '../common/manifest';

/** An OpenAPI v3 schema node of a CRD, as parsed from YAML. */
type SchemaNode = { [keyword: string]: any };

type Check = (value: unknown, path: string, errors: string[]) => void;

const TYPES: { [type: string]: (v: any) => boolean } = {
  object: v => v !== null && typeof v === 'object' && !Array.isArray(v),
  array: v => Array.isArray(v),
  string: v => typeof v === 'string',
  integer: v => Number.isInteger(v),
  number: v => typeof v === 'number' && Number.isFinite(v),
  boolean: v => typeof v === 'boolean',
};

function show(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/**
 * Compiles a schema node. `structural` is false inside `oneOf`/`anyOf` branches, which only
 * constrain values and never make fields unknown.
 */
function compile(s: SchemaNode, structural: boolean): Check {
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  const checks = [...typeChecks(s), ...valueChecks(s), ...itemChecks(s, structural)];
  const isObject = s.type === 'object' || s.properties !== undefined || s.additionalProperties !== undefined;
  if (isObject) {
    checks.push(objectCheck(s, structural && !preserve));
  }
  checks.push(...alternativeChecks(s));
  return (value, path, errors) => {
    if (value === null || value === undefined) {
      if (s.nullable !== true) {
        errors.push(`${path}: must not be null`);
      }
      return;
    }
    const before = errors.length;
    checks[0]?.(value, path, errors);
    if (errors.length > before) {
      return; // a value of the wrong type: the other rules would only repeat it
    }
    for (const check of checks.slice(1)) {
      check(value, path, errors);
    }
  };
}

function typeChecks(s: SchemaNode): Check[] {
  if (s['x-kubernetes-int-or-string']) {
    return [(v, p, e) => {
      if (!Number.isInteger(v) && typeof v !== 'string') {
        e.push(`${p}: ${show(v)} must be an integer or a string`);
      }
    }];
  }
  if (typeof s.type === 'string') {
    const is = TYPES[s.type] ?? (() => true);
    return [(v, p, e) => {
      if (!is(v)) {
        e.push(`${p}: ${show(v)} must be of type ${s.type}`);
      }
    }];
  }
  return [];
}

/** enum, bounds, lengths and patterns: rules on a value of the right type. */
function valueChecks(s: SchemaNode): Check[] {
  const checks = new Array<Check>();
  if (Array.isArray(s.enum)) {
    checks.push((v, p, e) => {
      if (!s.enum.some((x: unknown) => x === v)) {
        e.push(`${p}: ${show(v)} must be one of ${s.enum.map(show).join(', ')}`);
      }
    });
  }
  if (typeof s.minimum === 'number') {
    checks.push((v, p, e) => typeof v === 'number' && v < s.minimum && e.push(`${p}: ${v} must be >= ${s.minimum}`));
  }
  if (typeof s.maximum === 'number') {
    checks.push((v, p, e) => typeof v === 'number' && v > s.maximum && e.push(`${p}: ${v} must be <= ${s.maximum}`));
  }
  if (typeof s.minLength === 'number') {
    checks.push((v, p, e) => typeof v === 'string' && v.length < s.minLength && e.push(`${p}: ${show(v)} must have at least ${s.minLength} characters`));
  }
  if (typeof s.pattern === 'string') {
    const re = new RegExp(s.pattern, 'u');
    checks.push((v, p, e) => typeof v === 'string' && !re.test(v) && e.push(`${p}: ${show(v)} must match the pattern ${s.pattern}`));
  }
  if (typeof s.minItems === 'number') {
    checks.push((v, p, e) => Array.isArray(v) && v.length < s.minItems && e.push(`${p}: must have at least ${s.minItems} item(s)`));
  }
  return checks;
}

function itemChecks(s: SchemaNode, structural: boolean): Check[] {
  if (!s.items || typeof s.items !== 'object') {
    return [];
  }
  const item = compile(s.items, structural);
  return [(v, p, e) => Array.isArray(v) && v.forEach((x, i) => item(x, `${p}[${i}]`, e))];
}

function alternativeChecks(s: SchemaNode): Check[] {
  const checks = new Array<Check>();
  for (const [keyword, many] of [['oneOf', false], ['anyOf', true]] as const) {
    if (Array.isArray(s[keyword])) {
      const branches = s[keyword].map((b: SchemaNode) => compile(b, false));
      checks.push((v, p, e) => {
        const passing = branches.filter((b: Check) => {
          const found = new Array<string>();
          b(v, p, found);
          return found.length === 0;
        }).length;
        if (many ? passing === 0 : passing !== 1) {
          e.push(`${p}: ${show(v)} must match ${many ? 'at least one' : 'exactly one'} of the alternatives of the schema (${keyword})`);
        }
      });
    }
  }
  return checks;
}

function objectCheck(s: SchemaNode, strict: boolean): Check {
  const properties: { [key: string]: Check } = {};
  for (const [key, sub] of Object.entries(s.properties ?? {})) {
    properties[key] = compile(sub as SchemaNode, true);
  }
  const additional = s.additionalProperties && typeof s.additionalProperties === 'object' ? compile(s.additionalProperties, true) : undefined;
  const forbidAdditional = s.additionalProperties === false || (s.additionalProperties === undefined && strict);
  const required: string[] = Array.isArray(s.required) ? s.required : [];
  return (value, p, e) => {
    if (!TYPES.object(value)) {
      return;
    }
    const v = value as { [key: string]: unknown };
    for (const key of required) {
      if (v[key] === undefined) {
        e.push(`${p}.${key}: is required`);
      }
    }
    for (const [key, field] of Object.entries(v)) {
      const check = properties[key] ?? additional;
      if (check) {
        check(field, `${p}.${key}`, e);
      } else if (forbidAdditional) {
        e.push(`${p}.${key}: is not a field of this resource`);
      }
    }
  };
}

interface ServedSchema {
  readonly source: string;
  readonly schema: SchemaNode;
  check?: Check;
}

/** The schemas of a set of CRDs, by the `apiVersion` and kind they serve. */
export class CrdSchemaSet {
  private readonly served = new Map<string, ServedSchema>();

  /**
   * @param crds CustomResourceDefinition objects
   * @param label names their origin in messages, for example `Strimzi 1.2.0`
   */
  constructor(crds: Manifest[], label: string) {
    for (const crd of crds) {
      for (const version of crd.spec?.versions ?? []) {
        if (version.served && version.schema?.openAPIV3Schema) {
          this.served.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, {
            source: `the ${crd.spec.names.kind} CRD of ${label}, version ${version.name}`,
            schema: version.schema.openAPIV3Schema,
          });
        }
      }
    }
  }

  /** Whether a CRD of the set serves the object's apiVersion and kind. */
  public serves(manifest: Manifest): boolean {
    return this.served.has(`${manifest.apiVersion}/${manifest.kind}`);
  }

  /** What is wrong with the object, as `<field path>: <rule>` lines; empty when it validates. */
  public errors(manifest: Manifest): string[] {
    const served = this.served.get(`${manifest.apiVersion}/${manifest.kind}`);
    if (!served) {
      return [];
    }
    // The API server handles apiVersion, kind and metadata itself.
    served.check ??= compile({
      ...served.schema,
      properties: { ...served.schema.properties, apiVersion: {}, kind: {}, metadata: { 'x-kubernetes-preserve-unknown-fields': true } },
    }, true);
    const errors = new Array<string>();
    served.check(manifest, '', errors);
    return errors.map(e => `${e.replace(/^\./, '')} (${served.source})`);
  }
}
