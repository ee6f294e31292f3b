import { ApiObject, ApiObjectProps } from 'cdk8s';
import { Construct } from 'constructs';
import { Manifest } from '../common/manifest';

// Client-side `kubectl apply` stores the whole object as compact JSON in the
// `kubectl.kubernetes.io/last-applied-configuration` annotation, and annotations are limited to
// 262,144 bytes in total. Strimzi's Kafka CRD is 150-220 KB as JSON and KEDA's ScaledJob CRD is
// ~320 KB, so such objects must be applied server-side or replaced (strimzi#4512, keda#4740).
export const ANNOTATION_SIZE_LIMIT = 262_144;

// The API server stores each object as one etcd value, and etcd refuses a request larger than its
// --max-request-bytes, 1.5 MiB by default (etcd server/embed/config.go: `DefaultMaxRequestBytes =
// 1.5 * 1024 * 1024`; etcd docs, dev-guide/limit.md "Request size limit"). Managed clusters do not let
// users raise it. Custom resources are stored as JSON, so an object whose compact JSON exceeds it
// can never be created; the API server adds managedFields and status, so one just below may fail too.
export const ETCD_REQUEST_LIMIT = 1_572_864;

// The only marking a plain manifest can carry: Argo CD reads it per resource and applies the object
// with server-side apply. Flux always applies server-side; plain kubectl users run
// `kubectl apply --server-side` (README). Other tools ignore the annotation.
export const SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';
export const SERVER_SIDE_APPLY = 'ServerSideApply=true';

/** The comma-separated sync options `existing` with `option` added (unchanged when it is there). */
export function withSyncOption(existing: string | undefined, option: string): string {
  const options = existing ? existing.split(',').map(s => s.trim()) : [];
  return options.includes(option) ? existing! : [...options, option].join(',');
}

function withServerSideApply(existing: string | undefined): string {
  return withSyncOption(existing, SERVER_SIDE_APPLY);
}

/** Marks an object to be applied server-side. */
export function markServerSideApply(obj: ApiObject): void {
  obj.metadata.addAnnotation(SYNC_OPTIONS_ANNOTATION, withServerSideApply(obj.metadata.toJson().annotations?.[SYNC_OPTIONS_ANNOTATION]));
}

function isMarked(manifest: Manifest): boolean {
  const value: unknown = manifest.metadata?.annotations?.[SYNC_OPTIONS_ANNOTATION];
  return typeof value === 'string' && value.includes(SERVER_SIDE_APPLY) && value.split(',').some(s => s.trim() === SERVER_SIDE_APPLY);
}

/**
 * An upper bound of the bytes of `value` as compact JSON, or a number above `budget` as soon as it
 * exceeds it. Every object of every stage is measured at each synth, and nearly all are far below
 * the limit: this walk allocates nothing, where serializing would copy the object into a string.
 * A UTF-16 code unit takes at most 6 bytes in JSON (`\uXXXX`), a number at most 24 characters.
 */
function jsonBytesAtMost(value: unknown, budget: number): number {
  switch (typeof value) {
    case 'string':
      return 2 + 6 * value.length;
    case 'number':
      return 24;
    case 'boolean':
      return 5;
    case 'object':
      break;
    default:
      return 4; // null, and what JSON leaves out
  }
  if (value === null) {
    return 4;
  }
  let bytes = 2;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && bytes <= budget; i++) {
      bytes += 1 + jsonBytesAtMost(value[i], budget - bytes);
    }
    return bytes;
  }
  for (const key in value) {
    if (bytes > budget) {
      break;
    }
    if (Object.prototype.hasOwnProperty.call(value, key)) {
      bytes += 4 + 6 * key.length + jsonBytesAtMost((value as { [key: string]: unknown })[key], budget - bytes);
    }
  }
  return bytes;
}

// What `oversize` found for a rendered object, so that the stage's checks do not measure again what
// the object measured when it rendered itself.
const measured = new WeakMap<Manifest, number | undefined>();

/**
 * The object's bytes as compact JSON when they exceed the annotation limit; undefined when it fits.
 * One walk, and a serialization only for the few objects the walk cannot clear: this number decides
 * both the annotation limit and etcd's limit, which is larger.
 */
function oversize(manifest: Manifest): number | undefined {
  let bytes: number | undefined;
  if (jsonBytesAtMost(manifest, ANNOTATION_SIZE_LIMIT) > ANNOTATION_SIZE_LIMIT) {
    const exact = Buffer.byteLength(JSON.stringify(manifest));
    bytes = exact > ANNOTATION_SIZE_LIMIT ? exact : undefined;
  }
  measured.set(manifest, bytes);
  return bytes;
}

const SIZE_AWARE = Symbol.for('cdk8s-strimzi-keda.SizeAware');

/** Marks an object that measures itself when rendered (see `markIfOversized`). */
export function declareSizeAware(obj: ApiObject): void {
  Object.defineProperty(obj, SIZE_AWARE, { value: true });
}

/** Whether the object measures itself (`instanceof` is ApiObject.isApiObject() for every subclass of ApiObject). */
export function isSizeAware(obj: ApiObject): boolean {
  return Object.prototype.hasOwnProperty.call(obj, SIZE_AWARE);
}

/**
 * For an object the library generates whose size grows with the declaration (a KafkaUser's ACLs, a
 * ScaledObject's triggers): marks the rendered object for server-side apply when it outgrows the
 * annotation limit.
 */
export function markIfOversized(json: Manifest): Manifest {
  const bytes = isMarked(json) ? undefined : oversize(json);
  if (bytes !== undefined) {
    // The measurement stays exact: the marking adds to the metadata only.
    const metadataBefore = Buffer.byteLength(JSON.stringify(json.metadata));
    json.metadata.annotations = {
      ...json.metadata.annotations,
      [SYNC_OPTIONS_ANNOTATION]: withServerSideApply(json.metadata.annotations?.[SYNC_OPTIONS_ANNOTATION]),
    };
    measured.set(json, bytes + Buffer.byteLength(JSON.stringify(json.metadata)) - metadataBefore);
  }
  return json;
}

/** An ApiObject that marks itself for server-side apply when it outgrows the annotation limit. */
export class SizeAwareApiObject extends ApiObject {
  constructor(scope: Construct, id: string, props: ApiObjectProps) {
    super(scope, id, props);
    declareSizeAware(this);
  }

  public toJson(): Manifest {
    return markIfOversized(this.renderJson());
  }

  /** The object as rendered, before the size is measured. */
  protected renderJson(): Manifest {
    return super.toJson();
  }
}

/**
 * What is wrong with the size of a rendered object, or undefined: larger than etcd stores (any
 * object), or too large for the last-applied annotation and not marked for server-side apply
 * (objects users add to a stage; an object that marks itself, `selfMarking`, is not checked for this).
 * `unchanged` says that nothing changed the manifest since the object rendered (and measured) it.
 */
export function applySizeError(manifest: Manifest, selfMarking: boolean, unchanged: boolean): string | undefined {
  // An object applied server-side (the CRDs) has only etcd's limit, which the bound nearly always
  // settles without a serialization (all CRDs of Strimzi 1.2.0, all of KEDA 2.20.2 but ScaledJob's).
  const etcdOnly = selfMarking || isMarked(manifest);
  const bytes = unchanged && measured.has(manifest) ? measured.get(manifest)
    : etcdOnly && jsonBytesAtMost(manifest, ETCD_REQUEST_LIMIT) <= ETCD_REQUEST_LIMIT ? undefined : oversize(manifest);
  if (bytes !== undefined && bytes > ETCD_REQUEST_LIMIT) {
    return `${bytes} bytes as compact JSON exceed the ${ETCD_REQUEST_LIMIT}-byte request limit of etcd (--max-request-bytes, 1.5 MiB by default), `
      + 'so the API server cannot store the object. Make it smaller: split what it lists over several objects, or move large data out of it';
  }
  if (etcdOnly || bytes === undefined) {
    return undefined;
  }
  return `${bytes} bytes as compact JSON exceed the ${ANNOTATION_SIZE_LIMIT}-byte annotation limit of client-side kubectl apply, `
    + `and the object is not marked for server-side apply. Add the annotation ${SYNC_OPTIONS_ANNOTATION}: ${SERVER_SIDE_APPLY} and apply it `
    + 'with `kubectl apply --server-side` (or `kubectl create`/`replace`)';
}
