/** One phase of an upgrade plan: a complete state of the cluster, in a folder of its own. */
export interface UpgradePhase {
  /** The folder, numbered in apply order, for example `03-operator-0.51.0`. */
  readonly folder: string;

  /** What the phase changes, in a line. */
  readonly title: string;

  /** Why it comes here, and what to know while it is applied. */
  readonly why: string;

  /** The Strimzi release of the CRDs in this state. */
  readonly crdsRelease: string;

  /** The Strimzi release of the operator in this state. */
  readonly operatorRelease: string;

  /** The Strimzi release whose API the resources are written in. */
  readonly resourcesRelease: string;

  /** The Kafka version of every cluster. */
  readonly kafkaVersion: string;

  /** The KRaft metadata version of every cluster. */
  readonly metadataVersion: string;

  /** Commands to run before the phase is applied (for example deleting an obsolete CRD when asked). */
  readonly before: string[];

  /** Commands that check the cluster has settled before the next phase is applied. */
  readonly checks: string[];
}
