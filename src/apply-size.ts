import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';

// Client-side `kubectl apply` stores the whole object as compact JSON in the
// `kubectl.kubernetes.io/last-applied-configuration` annotation, and annotations are limited to
// 262,144 bytes in total. Strimzi's Kafka CRD is 150-220 KB as JSON and KEDA's ScaledJob CRD is
// ~320 KB, so such objects must be applied server-side or replaced (strimzi#4512, keda#4740;
// domain-peers-k8s-gitops.md §0).
export const ANNOTATION_SIZE_LIMIT = 262_144;

// The only marking a plain manifest can carry: Argo CD reads it per resource and applies the object
// with server-side apply. Flux always applies server-side; plain kubectl users run
// `kubectl apply --server-side` (README). Other tools ignore the annotation.
export const SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';
export const SERVER_SIDE_APPLY = 'ServerSideApply=true';

/** Marks an object to be applied server-side. */
export function markServerSideApply(obj: ApiObject): void {
  const existing: string | undefined = obj.metadata.toJson().annotations?.[SYNC_OPTIONS_ANNOTATION];
  const options = existing ? existing.split(',').map(s => s.trim()) : [];
  if (!options.includes(SERVER_SIDE_APPLY)) {
    obj.metadata.addAnnotation(SYNC_OPTIONS_ANNOTATION, [...options, SERVER_SIDE_APPLY].join(','));
  }
}

function isMarked(manifest: any): boolean {
  const value: string | undefined = manifest.metadata?.annotations?.[SYNC_OPTIONS_ANNOTATION];
  return value !== undefined && value.split(',').map(s => s.trim()).includes(SERVER_SIDE_APPLY);
}

/**
 * Errors for every object under `scope` whose compact JSON would not fit the last-applied annotation
 * and that is not marked for server-side apply.
 */
export function applySizeErrors(scope: IConstruct): string[] {
  const errors = new Array<string>();
  for (const obj of scope.node.findAll().filter(ApiObject.isApiObject)) {
    const manifest = obj.toJson();
    const bytes = Buffer.byteLength(JSON.stringify(manifest));
    if (bytes > ANNOTATION_SIZE_LIMIT && !isMarked(manifest)) {
      errors.push(`${obj.kind} "${obj.name}" (${obj.node.path}): ${bytes} bytes as compact JSON exceed the `
        + `${ANNOTATION_SIZE_LIMIT}-byte annotation limit of client-side kubectl apply, and the object is not marked `
        + `for server-side apply. Add the annotation ${SYNC_OPTIONS_ANNOTATION}: ${SERVER_SIDE_APPLY} and apply it `
        + 'with `kubectl apply --server-side` (or `kubectl create`/`replace`)');
    }
  }
  return errors;
}
