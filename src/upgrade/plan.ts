import { Version } from '../common/version';
import { defaultKafkaVersion, defaultMetadataVersion } from '../strimzi/kafka-versions';
import { StrimziRelease } from '../strimzi/release';
import { needsKraftAnnotations, servesApiVersion, servesV1Beta2AndV1, strimziApiVersion } from '../strimzi/release-facts';

/** The Kafka version and KRaft metadata version of the clusters in one state. */
export interface KafkaState {
  readonly version: string;
  readonly metadataVersion: string;
}

/** What a phase changes. */
export enum PhaseKind {
  /** The platform as it runs today, as the library writes it. */
  CURRENT = 'current',
  /** Kafka `version` raised; `metadataVersion` unchanged. */
  KAFKA = 'kafka',
  /** `metadataVersion` raised. */
  METADATA = 'metadata',
  /** Strimzi's crd-upgrade re-stores every resource as v1. */
  CRD_UPGRADE = 'crd-upgrade',
  /** The CRDs of the next release. */
  CRDS = 'crds',
  /** The operator of the next release. */
  OPERATOR = 'operator',
  /** The resources written in the API of the next release. */
  RESOURCES = 'resources',
}

/** One state of the cluster on the way (internal; UpgradePhase is its public description). */
export interface PhaseSpec {
  readonly kind: PhaseKind;
  readonly crds: StrimziRelease;
  readonly operator: StrimziRelease;
  readonly resources: StrimziRelease;
  readonly kafka: KafkaState;
  /**
   * The operator of this state cannot run the clusters' Kafka version, so they report NotReady until
   * the next phase raises it (the brokers keep running; Strimzi's documented path when two releases
   * share no Kafka version).
   */
  readonly kafkaUnsupported?: boolean;
  /** The resources phase also raises the Kafka version (the next release cannot run the old one). */
  readonly kafkaRaised?: boolean;
}

function newest(versions: string[]): string {
  return [...versions].sort((a, b) => Version.tryParse(a)!.compare(Version.tryParse(b)!)).pop()!;
}

function common(a: StrimziRelease, b: StrimziRelease): string[] {
  return a.kafkaVersions.filter(v => b.kafkaVersions.includes(v));
}

// Resources render the same for two releases when their API version and the KRaft annotations
// (needed below 0.48) agree; then writing them "as the new release serves them" changes nothing.
function rendersAlike(a: StrimziRelease, b: StrimziRelease): boolean {
  return strimziApiVersion(a._version) === strimziApiVersion(b._version) && needsKraftAnnotations(a._version) === needsKraftAnnotations(b._version);
}

/**
 * The Kafka version the clusters should run at release `at` when the release after it is `next`:
 * the current one while both can run it (every change rolls the brokers), else the newest both
 * can run, else the release's default.
 */
function versionAt(at: StrimziRelease, next: StrimziRelease | undefined, current: string): string {
  if (at.kafkaVersions.includes(current) && (next === undefined || next.kafkaVersions.includes(current))) {
    return current;
  }
  const shared = next ? common(at, next) : [];
  return shared.length > 0 ? newest(shared) : defaultKafkaVersion(at);
}

/**
 * The states from the first release of `releases` to the last. For each hop: Kafka moved within the
 * old release if the new one cannot run it; on 0.49-0.51 before 1.x, the v1 storage migration; the
 * new CRDs; the new operator; the resources as the new release serves them; then Kafka `version`,
 * then `metadataVersion` (Strimzi's upgrade sequence, `1.2.0:documentation/modules/upgrading/con-upgrade-sequence.adoc`).
 */
export function planPhases(releases: StrimziRelease[], current: KafkaState, target: KafkaState, hasKafka: boolean): PhaseSpec[] {
  const phases: PhaseSpec[] = [];
  let kafka = current;
  const at = (r: StrimziRelease, kind: PhaseKind, state: KafkaState, more: Partial<PhaseSpec> = {}) =>
    phases.push({ kind, crds: r, operator: r, resources: r, kafka: state, ...more });
  at(releases[0], PhaseKind.CURRENT, kafka);
  for (let i = 0; i + 1 < releases.length; i++) {
    const [from, to, after] = [releases[i], releases[i + 1], releases[i + 2]];
    const last = after === undefined;
    let unsupported = false;
    if (hasKafka && !to.kafkaVersions.includes(kafka.version)) {
      const shared = common(from, to);
      if (shared.length > 0) {
        kafka = raise(phases, from, kafka, newest(shared));
      } else {
        unsupported = true;
      }
    }
    if (servesV1Beta2AndV1(from._version) && !servesApiVersion(to._version, 'v1beta2')) {
      at(from, PhaseKind.CRD_UPGRADE, kafka);
    }
    // CRDs before the operator, always: the API server refuses CRDs that drop a stored version, and
    // that must stop the plan before the operator changes. From 0.49-0.51 to 1.x the old operator
    // cannot read the v1-only CRDs until its successor rolls out (a window in which nothing is
    // written and the brokers keep running); the other order would run the 1.x operator against the
    // old schema, and leave it half upgraded if the CRDs were then refused.
    phases.push({ kind: PhaseKind.CRDS, crds: to, operator: from, resources: from, kafka });
    phases.push({ kind: PhaseKind.OPERATOR, crds: to, operator: to, resources: from, kafka, kafkaUnsupported: unsupported || undefined });
    const hopVersion = last ? target.version : versionAt(to, after, kafka.version);
    if (unsupported) {
      // `1.2.0:documentation/modules/upgrading/con-upgrade-paths.adoc`: with no Kafka version both
      // releases run, raise spec.kafka.version to one the new operator supports as part of the upgrade.
      kafka = { version: hopVersion, metadataVersion: kafka.metadataVersion };
      at(to, PhaseKind.RESOURCES, kafka, { kafkaRaised: true });
    } else if (!rendersAlike(from, to)) {
      at(to, PhaseKind.RESOURCES, kafka);
    }
    if (hasKafka) {
      kafka = raise(phases, to, kafka, hopVersion, last ? target.metadataVersion : undefined);
    }
  }
  return phases;
}

// Phases that raise `version` (if it changes) and then `metadataVersion` to `metadata` or the one
// the release pairs with the version.
function raise(phases: PhaseSpec[], release: StrimziRelease, kafka: KafkaState, version: string, metadata?: string): KafkaState {
  let state = kafka;
  const at = (kind: PhaseKind, s: KafkaState) => phases.push({ kind, crds: release, operator: release, resources: release, kafka: s });
  if (state.version !== version) {
    state = { version, metadataVersion: state.metadataVersion };
    at(PhaseKind.KAFKA, state);
  }
  const wanted = metadata ?? defaultMetadataVersion(release, version);
  if (state.metadataVersion !== wanted) {
    state = { version, metadataVersion: wanted };
    at(PhaseKind.METADATA, state);
  }
  return state;
}
