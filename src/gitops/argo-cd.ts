import { AutoscaledField } from './autoscaled-field';
import { ArgoCdOptions } from './git-ops';
import { Manifest } from '../common/manifest';
import { SYNC_OPTIONS_ANNOTATION, withSyncOption } from '../stages/apply-size';

// Argo CD reads these per object (argoproj/argo-cd docs/user-guide/sync-waves.md and sync-options.md).
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

/** How Argo CD treats one object of a stage. */
export interface ArgoCdObjectRules {
  /** The sync wave: a later wave starts once the objects of the earlier ones are synced and healthy. */
  readonly wave: number;
  /** Never prune: deleting a CRD deletes every resource of its kind. */
  readonly neverPrune: boolean;
  /**
   * The object's CRD is not part of the same sync, so the dry run must not fail on the missing kind
   * (Argo CD skips the dry run by itself when the CRD is in the sync).
   */
  readonly skipDryRunOnMissingResource: boolean;
}

/** Adds the Argo CD annotations to a rendered object. */
export function annotateForArgoCd(manifest: Manifest, rules: ArgoCdObjectRules): void {
  const annotations = { ...manifest.metadata.annotations };
  annotations[SYNC_WAVE_ANNOTATION] = String(rules.wave);
  let options = annotations[SYNC_OPTIONS_ANNOTATION];
  if (rules.neverPrune) {
    options = withSyncOption(options, 'Prune=false');
  }
  if (rules.skipDryRunOnMissingResource) {
    options = withSyncOption(options, 'SkipDryRunOnMissingResource=true');
  }
  if (options !== undefined) {
    annotations[SYNC_OPTIONS_ANNOTATION] = options;
  }
  manifest.metadata.annotations = annotations;
}

/**
 * The Argo CD Application that syncs the output folder at `path`: the numbered files of its root
 * only (not the `argocd/` folder that holds this manifest), applied server-side, with the fields the
 * autoscaler owns left to it. `RespectIgnoreDifferences` is an Application-level option only, and it
 * takes effect once an object exists (the first sync applies the starting value).
 */
export function argoCdApplication(name: string, options: ArgoCdOptions, path: string, fields: AutoscaledField[]): Manifest {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: options.namespace ?? 'argocd' },
    spec: {
      project: options.project ?? 'default',
      source: {
        repoURL: options.repoUrl,
        targetRevision: options.targetRevision ?? 'HEAD',
        path,
        directory: { recurse: false },
      },
      destination: { server: options.destinationServer ?? 'https://kubernetes.default.svc' },
      syncPolicy: {
        ...(options.automated ?? true ? { automated: { prune: true, selfHeal: true } } : {}),
        syncOptions: ['ServerSideApply=true', 'RespectIgnoreDifferences=true'],
      },
      ...(fields.length > 0 ? {
        ignoreDifferences: fields.map(f => ({ group: f.group, kind: f.kind, name: f.name, namespace: f.namespace, jsonPointers: [f.pointer] })),
      } : {}),
    },
  };
}
