import { ApiObject, ApiObjectProps } from 'cdk8s';
import { Construct } from 'constructs';
import { Manifest } from '../common/manifest';

// Client-side `kubectl apply` stores the whole object as compact JSON in the
// `kubectl.kubernetes.io/last-applied-configuration` annotation, and annotations are limited to
// 262,144 bytes in total. Strimzi's Kafka CRD is 150-220 KB as JSON and KEDA's ScaledJob CRD is
// ~320 KB, so such objects must be applied server-side or replaced (strimzi#4512, keda#4740).
export const ANNOTATION_SIZE_LIMIT = 262_144;

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

/** The object's bytes as compact JSON when they exceed the annotation limit; undefined when it fits. */
function oversize(manifest: Manifest): number | undefined {
  if (jsonBytesAtMost(manifest, ANNOTATION_SIZE_LIMIT) <= ANNOTATION_SIZE_LIMIT) {
    return undefined;
  }
  const bytes = Buffer.byteLength(JSON.stringify(manifest));
  return bytes > ANNOTATION_SIZE_LIMIT ? bytes : undefined;
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
  if (!isMarked(json) && oversize(json) !== undefined) {
    json.metadata.annotations = {
      ...json.metadata.annotations,
      [SYNC_OPTIONS_ANNOTATION]: withServerSideApply(json.metadata.annotations?.[SYNC_OPTIONS_ANNOTATION]),
    };
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
 * What is wrong with a rendered object whose compact JSON would not fit the last-applied annotation
 * and that is not marked for server-side apply (objects users add to a stage); undefined when nothing is.
 */
export function applySizeError(manifest: Manifest): string | undefined {
  if (isMarked(manifest)) {
    return undefined;
  }
  const bytes = oversize(manifest);
  return bytes === undefined ? undefined
    : `${bytes} bytes as compact JSON exceed the ${ANNOTATION_SIZE_LIMIT}-byte annotation limit of client-side kubectl apply, `
    + `and the object is not marked for server-side apply. Add the annotation ${SYNC_OPTIONS_ANNOTATION}: ${SERVER_SIDE_APPLY} and apply it `
    + 'with `kubectl apply --server-side` (or `kubectl create`/`replace`)';
}
