/** `metadata` of a rendered Kubernetes object. */
export interface ManifestMetadata {
  name: string;
  namespace?: string;
  labels?: { [key: string]: string };
  annotations?: { [key: string]: string };
  [field: string]: unknown;
}

/**
 * A Kubernetes object as the library renders, reads or checks it: what `ApiObject.toJson()`
 * returns and what a release's YAML files contain. Fields below `metadata` are free-form.
 */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: ManifestMetadata;
  [field: string]: any;
}

/** A JSON object rendered into a manifest, such as a `spec` or a part of one. */
export type JsonObject = { [field: string]: any };
