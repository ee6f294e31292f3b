import { GitOps } from '../gitops/git-ops';
import { KedaRelease } from '../keda/release';
import { StrimziOperatorOptions } from '../strimzi/operator';
import { StrimziRelease } from '../strimzi/release';

/** Settings of a KafkaPlatform apart from its Strimzi release (shared with StrimziUpgrade). */
export interface KafkaPlatformSettings {
  /** Namespace of the Strimzi Cluster Operator and, by default, of the Kafka resources. */
  readonly namespace: string;

  /**
   * Namespaces whose Strimzi resources the operator manages; `['*']` for all namespaces.
   *
   * @default - only `namespace`
   */
  readonly watchNamespaces?: string[];

  /**
   * Settings of the Cluster Operator install (image mirror, feature gates, resources, log level).
   *
   * @default - the release's install files as they are
   */
  readonly operator?: StrimziOperatorOptions;

  /**
   * The KEDA release the cluster runs; needed for autoscaling. With `crdsDirectory` its CRDs are
   * emitted in the CRD stage.
   *
   * @default - no KEDA: autoscaling options are refused
   */
  readonly keda?: KedaRelease;

  /**
   * Emit the Namespace object for `namespace` (first in the operator stage).
   *
   * @default true
   */
  readonly createNamespace?: boolean;

  /**
   * The form of the output: plain numbered files for kubectl, or laid out for Argo CD or Flux.
   * A GitOps flavour needs the App's default output type (one file per chart).
   *
   * @default GitOps.plain()
   */
  readonly gitOps?: GitOps;
}

/** Properties of `KafkaPlatform`. */
export interface KafkaPlatformProps extends KafkaPlatformSettings {
  /** The Strimzi release whose CRDs and operator to install. */
  readonly strimzi: StrimziRelease;
}
