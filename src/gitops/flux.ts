import { Duration } from 'cdk8s';
import { AutoscaledField } from './autoscaled-field';
import { FluxOptions } from './git-ops';
import { Manifest } from '../common/manifest';

/** One folder of the output that Flux reconciles as a Kustomization of its own. */
export interface FluxStage {
  /** The folder, relative to the output folder, for example `0002-events-kafka`. */
  readonly folder: string;
  /** Whether Flux may delete what the folder no longer has (never for CRDs). */
  readonly prune: boolean;
  /** Fields of the folder's objects that the autoscaler owns. */
  readonly autoscaled: AutoscaledField[];
  /** API versions of Strimzi resources in the folder, which need a health check expression. */
  readonly strimziApiVersions: string[];
  /** Whether the folder holds KEDA ScaledObjects. */
  readonly scaledObjects: boolean;
}

/** The Flux Kustomization's name for a folder: the folder without its `NNNN-` index. */
export function fluxName(folder: string): string {
  return folder.replace(/^\d+-/, '');
}

/**
 * One Flux Kustomization per folder, each waiting for the one before (kustomize-controller
 * docs/spec/v1/kustomizations.md: dependsOn, wait, healthCheckExprs, ignore).
 */
export function fluxKustomizations(options: FluxOptions, stages: FluxStage[]): Manifest[] {
  return stages.map((stage, i) => ({
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: fluxName(stage.folder), namespace: options.namespace ?? 'flux-system' },
    spec: {
      ...(i > 0 ? { dependsOn: [{ name: fluxName(stages[i - 1].folder) }] } : {}),
      interval: goDuration(options.interval ?? Duration.minutes(10)),
      sourceRef: {
        kind: options.sourceRef.kind ?? 'GitRepository',
        name: options.sourceRef.name,
        ...(options.sourceRef.namespace ? { namespace: options.sourceRef.namespace } : {}),
      },
      path: joinPath(options.path, stage.folder),
      prune: stage.prune,
      wait: true,
      timeout: goDuration(options.timeout ?? Duration.minutes(30)),
      ...healthChecks(stage),
      ...ignoreRules(stage.autoscaled),
    },
  }));
}

// kstatus counts a resource without a Ready condition as current, so a Kafka that the operator has
// not reconciled yet would pass `wait`; these expressions wait for Strimzi's and KEDA's Ready
// condition instead (fluxcd/cli-utils pkg/kstatus/status/status.go; kustomizations.md
// "Health check expressions").
function healthChecks(stage: FluxStage) {
  const exprs = [
    ...stage.strimziApiVersions.map(apiVersion => ({
      apiVersion,
      current: 'status.conditions.exists(e, e.type == \'Ready\' && e.status == \'True\')',
      failed: 'status.conditions.exists(e, e.type == \'NotReady\' && e.status == \'True\' && e.reason != \'Creating\')',
    })),
    ...(stage.scaledObjects ? [{
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      current: 'status.conditions.exists(e, e.type == \'Ready\' && e.status == \'True\')',
      failed: 'status.conditions.exists(e, e.type == \'Ready\' && e.status == \'False\')',
    }] : []),
  ];
  return exprs.length > 0 ? { healthCheckExprs: exprs } : {};
}

// Flux reverts every field that differs from Git on each reconcile; `spec.ignore` (kustomize-controller
// v1.9.0, Flux 2.9.0) keeps the live value of the fields the autoscaler owns once the object exists.
function ignoreRules(fields: AutoscaledField[]) {
  if (fields.length === 0) {
    return {};
  }
  return {
    ignore: fields.map(f => ({
      paths: [f.pointer],
      target: { group: f.group, kind: f.kind, name: `^${escapeRegex(f.name)}$`, namespace: `^${escapeRegex(f.namespace)}$` },
    })),
  };
}

/** A kustomization.yaml that `kubectl kustomize` builds: the files or folders, in order. */
export function kustomizationFile(resources: string[]): object {
  return { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources };
}

function joinPath(base: string, folder: string): string {
  const trimmed = base.replace(/\/+$/, '');
  return `${trimmed.startsWith('./') || trimmed.startsWith('/') ? trimmed : `./${trimmed}`}/${folder}`;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A Duration in Go's notation, which Flux reads: `10m`, `1h30m`, `45s`. */
function goDuration(duration: Duration): string {
  let seconds = Math.round(duration.toSeconds());
  const parts = new Array<string>();
  for (const [unit, size] of [['h', 3600], ['m', 60], ['s', 1]] as const) {
    if (seconds >= size) {
      parts.push(`${Math.floor(seconds / size)}${unit}`);
      seconds %= size;
    }
  }
  return parts.join('') || '0s';
}
