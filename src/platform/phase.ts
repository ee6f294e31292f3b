import { StrimziRelease } from '../strimzi/release';

/**
 * One state of a platform during an upgrade: the CRDs of one release, the operator of the same or an
 * older one, the resources written in the API of `KafkaPlatformProps.strimzi`, and every Kafka
 * cluster pinned to a version. StrimziUpgrade creates one platform per phase with it.
 */
export interface PlatformPhase {
  /** The release of the CRD stage. */
  readonly crds: StrimziRelease;
  /** The release of the operator stage. */
  readonly operator: StrimziRelease;
  /** The Kafka version and metadata version of every cluster. */
  readonly kafka: { readonly version: string; readonly metadataVersion: string };
}

// The phase travels to the KafkaPlatform constructor under a symbol key of its props, which jsii and
// users never see: a phase is an internal state of StrimziUpgrade, not an option of the public API.
const PHASE = Symbol('cdk8s-strimzi-keda.phase');

/** `props` carrying `phase`. */
export function withPhase<T extends object>(props: T, phase: PlatformPhase): T {
  return { ...props, [PHASE]: phase };
}

/** The phase `props` carry, if any. */
export function phaseOf(props: object): PlatformPhase | undefined {
  return (props as { [PHASE]?: PlatformPhase })[PHASE];
}
