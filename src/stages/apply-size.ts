import { ApiObject } from 'cdk8s';
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
  const value: string | undefined = manifest.metadata?.annotations?.[SYNC_OPTIONS_ANNOTATION];
  return value !== undefined && value.split(',').map(s => s.trim()).includes(SERVER_SIDE_APPLY);
}

function compactSize(manifest: Manifest): number {
  return Buffer.byteLength(JSON.stringify(manifest));
}

/**
 * An object the library generates whose size grows with the declaration (a KafkaUser's ACLs, a
 * ScaledObject's triggers): when it outgrows the annotation limit it marks itself for server-side apply.
 */
export class SizeAwareApiObject extends ApiObject {
  public toJson(): Manifest {
    const json = super.toJson();
    if (!isMarked(json) && compactSize(json) > ANNOTATION_SIZE_LIMIT) {
      json.metadata.annotations = {
        ...json.metadata.annotations,
        [SYNC_OPTIONS_ANNOTATION]: withServerSideApply(json.metadata.annotations?.[SYNC_OPTIONS_ANNOTATION]),
      };
    }
    return json;
  }
}

/**
 * Errors for the rendered objects of a chart whose compact JSON would not fit the last-applied
 * annotation and that are not marked for server-side apply (objects users add to a stage).
 */
export function applySizeErrors(manifests: Manifest[], pathOf: (manifest: Manifest) => string): string[] {
  const errors = new Array<string>();
  for (const manifest of manifests) {
    const bytes = compactSize(manifest);
    if (bytes > ANNOTATION_SIZE_LIMIT && !isMarked(manifest)) {
      errors.push(`${manifest.kind} "${manifest.metadata?.name}" (${pathOf(manifest)}): ${bytes} bytes as compact JSON exceed the `
        + `${ANNOTATION_SIZE_LIMIT}-byte annotation limit of client-side kubectl apply, and the object is not marked `
        + `for server-side apply. Add the annotation ${SYNC_OPTIONS_ANNOTATION}: ${SERVER_SIDE_APPLY} and apply it `
        + 'with `kubectl apply --server-side` (or `kubectl create`/`replace`)');
    }
  }
  return errors;
}
