import * as fs from 'fs';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import * as jsYaml from 'js-yaml';

/*
 * Validates emitted objects against the OpenAPI v3 schemas of real upstream CRDs, approximating what the
 * API server does on `kubectl apply` (strict server-side field validation, the default since Kubernetes 1.27).
 *
 * Kubernetes structural schema -> JSON Schema (see toJsonSchema):
 * - x-kubernetes-int-or-string: type ['integer', 'string'] (its standard anyOf integer/string is dropped,
 *   so a wrong value gives one error, not three).
 * - nullable: null is added to type (and enum).
 * - An object that neither preserves unknown fields nor declares additionalProperties gets
 *   additionalProperties: false: the API server prunes fields the schema does not know, and strict field
 *   validation reports them as errors. This includes a bare `type: object` (no properties): Kubernetes prunes
 *   everything in it (KEDA 2.14/2.15 declare ScaledJob jobTargetRef.template.metadata that way, and the
 *   API server rejects its labels: kedacore/keda#5752). Exceptions: the object's own `metadata` (the API
 *   server validates ObjectMeta itself) and anything below oneOf/anyOf/allOf/not (value validations only,
 *   e.g. Strimzi's `oneOf: [{properties: {value: {}}, required: [value]}, ...]`).
 * - x-kubernetes-preserve-unknown-fields: unknown properties allowed at that node (not below it).
 * - format, default, example, x-kubernetes-list-*, x-kubernetes-map-type: ignored (strict: false,
 *   validateFormats: false; useDefaults: false so `default` never mutates the input).
 * - x-kubernetes-validations (CEL rules, only in the KEDA 2.20 CRDs) are NOT evaluated here.
 * - pattern: ajv's JS regex with the unicode flag; every pattern in the fixture CRDs compiles with it
 *   (the compile-everything test keeps that true), and none uses RE2-only syntax.
 */

// One Ajv for all CrdSchemas. `optimize: false` halves compile time, which dominates here (validating is cheap).
const ajv = new Ajv({
  strict: false, allErrors: true, validateFormats: false, useDefaults: false, inlineRefs: false, code: { optimize: false },
});
// Compiled subtrees shared through $ref, keyed by their translated JSON: pod templates, affinity, etc. repeat
// within a CRD and across releases, so sharing them cuts compiling every fixture CRD from ~5 s to ~1 s.
const sharedIds = new Map<string, string>();
const SHARE_MIN_CHARS = 200;
// Compiled roots, keyed by their JSON (KafkaTopic and KafkaUser serve one schema under several versions).
const validators = new Map<string, ValidateFunction>();

function share(schema: any): any {
  const key = JSON.stringify(schema);
  if (key.length < SHARE_MIN_CHARS) return schema;
  let id = sharedIds.get(key);
  if (!id) {
    id = `crd-schema:${sharedIds.size}`;
    sharedIds.set(key, id);
    ajv.addSchema({ ...schema, $id: id });
  }
  return { $ref: id };
}

type Position = 'root' | 'root metadata' | 'inner';

/** Translates a structural schema node (reached through properties / items / additionalProperties). */
function toJsonSchema(node: any, position: Position = 'inner'): any {
  const out: any = { ...node };
  delete out.description; // no meaning for validation; without it, releases share more subtrees
  if (node.properties) {
    out.properties = Object.fromEntries(Object.entries(node.properties).map(([name, child]) =>
      [name, toJsonSchema(child, position === 'root' && name === 'metadata' ? 'root metadata' : 'inner')]));
  }
  if (node.items && typeof node.items === 'object') out.items = toJsonSchema(node.items);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') {
    out.additionalProperties = toJsonSchema(node.additionalProperties);
  }
  // oneOf/anyOf/allOf/not branches are kept as they are: value validations, not structure.
  if (node['x-kubernetes-int-or-string']) {
    out.type = ['integer', 'string'];
    if (node.anyOf?.every((b: any) => Object.keys(b).length === 1 && ['integer', 'string'].includes(b.type))) delete out.anyOf;
  }
  if (node.nullable) {
    if (out.type) out.type = [...[out.type].flat(), 'null'];
    if (out.enum) out.enum = [...out.enum, null];
    delete out.nullable; // translated; ajv would otherwise apply its own OpenAPI `nullable` semantics too
  }
  if (position === 'root') {
    // The API server accepts these at the root whether or not the schema declares them.
    out.properties = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, ...out.properties };
  }
  const isObject = out.type === 'object' || out.properties !== undefined;
  if (isObject && position !== 'root metadata' && !node['x-kubernetes-preserve-unknown-fields'] && node.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  return position === 'root' ? out : share(out);
}

function validatorFor(schema: any): ValidateFunction {
  const translated = toJsonSchema(schema, 'root');
  const key = JSON.stringify(translated);
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(translated);
    validators.set(key, validate);
  }
  return validate;
}

function pointer(e: ErrorObject): string {
  return e.instancePath || '/';
}

/** What is wrong at e.instancePath; nested are the errors of a failed combinator's branches. */
function problem(e: ErrorObject, nested: ErrorObject[]): string {
  switch (e.keyword) {
    case 'additionalProperties':
      return `must NOT have additional property "${e.params.additionalProperty}"`;
    case 'enum':
      return `must be one of ${e.params.allowedValues.map((v: unknown) => JSON.stringify(v)).join(', ')}`;
    case 'type':
      return `must be ${String(e.params.type).split(',').join(' or ')}`;
    case 'oneOf':
    case 'anyOf': {
      // Say why the branches failed (or which ones matched, for oneOf) instead of listing them separately.
      const why = e.params.passingSchemas
        ? `branches ${e.params.passingSchemas.join(' and ')} match`
        : nested.map(n => (n.instancePath === e.instancePath ? '' : `${pointer(n)} `) + problem(n, [])).join('; ');
      return `${e.message} (${why})`;
    }
    default:
      return e.message ?? e.keyword;
  }
}

// allOf reports its branches' errors as they are, and `not` reports none of them.
const COMBINATORS = ['oneOf', 'anyOf'];

/** ajv errors as messages; the branch errors of a failed oneOf/anyOf are folded into its message. */
function messages(errors: ErrorObject[]): string[] {
  const inside = (e: ErrorObject, c: ErrorObject) => e.schemaPath.startsWith(`${c.schemaPath}/`)
    && (e.instancePath === c.instancePath || e.instancePath.startsWith(`${c.instancePath}/`));
  const result: string[] = [];
  // ajv reports a combinator's branch errors just before the combinator's own error, so walk backwards.
  for (let i = errors.length - 1; i >= 0; i--) {
    const e = errors[i];
    let j = i;
    if (COMBINATORS.includes(e.keyword)) while (j > 0 && inside(errors[j - 1], e)) j--;
    result.unshift(`${pointer(e)} ${problem(e, errors.slice(j, i))}`);
    i = j;
  }
  return result;
}

function objectName(obj: any): string {
  return `${obj?.kind}/${obj?.metadata?.name ?? '<unnamed>'}`;
}

interface ServedVersion {
  readonly schema: any;
  validate?: ValidateFunction;
}

export class CrdSchemas {
  /** Schemas of the given CRD objects (parsed YAML objects of kind CustomResourceDefinition). */
  static fromCrds(crds: any[]): CrdSchemas {
    return new CrdSchemas(crds);
  }

  /** Reads every CustomResourceDefinition in the given YAML files (multi-document ok) with js-yaml. */
  static fromFiles(files: string[]): CrdSchemas {
    const docs = files.flatMap(f => jsYaml.loadAll(fs.readFileSync(f, 'utf-8')) as any[]);
    return new CrdSchemas(docs.filter(d => d?.kind === 'CustomResourceDefinition'));
  }

  /** Keyed by `group/version kind`. */
  private readonly served = new Map<string, ServedVersion>();

  private constructor(crds: any[]) {
    for (const crd of crds) {
      for (const version of crd.spec.versions) {
        if (!version.served) continue;
        const key = `${crd.spec.group}/${version.name} ${crd.spec.names.kind}`;
        const schema = version.schema?.openAPIV3Schema;
        if (!schema) throw new Error(`CRD ${crd.metadata?.name} version ${version.name} has no openAPIV3Schema`);
        const known = this.served.get(key);
        if (known && JSON.stringify(known.schema) !== JSON.stringify(schema)) {
          throw new Error(`two different CRDs serve ${key}`);
        }
        this.served.set(key, { schema });
      }
    }
  }

  /** Whether some CRD serves (served: true) this apiVersion ("group/version") and kind. */
  serves(apiVersion: string, kind: string): boolean {
    return this.served.has(`${apiVersion} ${kind}`);
  }

  /** Validation errors of obj against the schema of the CRD version serving obj.apiVersion/obj.kind; [] when valid.
   *  Throws an Error if no CRD serves that apiVersion/kind. Each error names the object and a JSON pointer, e.g.
   *  'KafkaTopic/orders: /spec/partitions must be >= 1' or 'Kafka/events: /spec/kafka must NOT have additional property "replicaz"'. */
  errors(obj: any): string[] {
    const version = this.served.get(`${obj?.apiVersion} ${obj?.kind}`);
    if (!version) throw new Error(`${objectName(obj)}: no CRD serves ${obj?.apiVersion} ${obj?.kind}`);
    // Compiled on first use: the Strimzi Kafka schema alone is ~200 KB.
    version.validate ??= validatorFor(version.schema);
    if (version.validate(obj)) return [];
    return messages(version.validate.errors ?? []).map(m => `${objectName(obj)}: ${m}`);
  }
}

/** Core Kubernetes API groups: none (v1), no dot (apps/v1, batch/v1) or *.k8s.io (rbac.authorization.k8s.io/v1). */
function isCoreApiVersion(apiVersion: string): boolean {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
  return !group.includes('.') || group.endsWith('.k8s.io');
}

/**
 * Expects every object to conform to the CRD serving it, reporting all errors of all objects at once.
 * Core Kubernetes kinds no CRD serves are skipped; any other kind no CRD serves is an error.
 */
export function expectConformant(schemas: CrdSchemas, objects: any[]): void {
  const allErrors = objects.flatMap(obj => {
    if (schemas.serves(obj?.apiVersion, obj?.kind)) return schemas.errors(obj);
    return isCoreApiVersion(String(obj?.apiVersion)) ? [] : [`${objectName(obj)}: no CRD serves ${obj?.apiVersion} ${obj?.kind}`];
  });
  expect(allErrors).toEqual([]);
}
