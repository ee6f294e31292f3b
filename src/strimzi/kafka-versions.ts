import { StrimziRelease } from './release';
import { Version } from '../common/version';

// Which Kafka versions a Strimzi release runs, its default, and the KRaft metadata version Strimzi
// pairs with each. Source: `TAG:kafka-versions.yaml`, entries with `supported: true`
// of strimzi/strimzi-kafka-operator (a test compares this table with each fixture release's file; the
// releases between them were read from their tags). The metadata value of one Kafka version differs between tags
// (4.2.0 is `4.2` at 0.51.0 and `4.2-IV1` at 1.2.0), so it is kept per release.
//
// The versions a release *supports* are read from its operator Deployment (`STRIMZI_KAFKA_IMAGES`,
// see StrimziRelease.kafkaVersions): that is what the operator accepts, also for releases missing here.
interface KafkaVersionsOfRelease {
  readonly default: string;
  /** Kafka version -> metadata version */
  readonly metadata: { readonly [kafka: string]: string };
}

const KAFKA_VERSIONS: { readonly [strimzi: string]: KafkaVersionsOfRelease } = {
  '0.41.0': { default: '3.7.0', metadata: { '3.6.0': '3.6', '3.6.1': '3.6', '3.6.2': '3.6', '3.7.0': '3.7' } },
  '0.42.0': { default: '3.7.1', metadata: { '3.6.0': '3.6', '3.6.1': '3.6', '3.6.2': '3.6', '3.7.0': '3.7', '3.7.1': '3.7' } },
  '0.43.0': { default: '3.8.0', metadata: { '3.7.0': '3.7', '3.7.1': '3.7', '3.8.0': '3.8' } },
  '0.44.0': { default: '3.8.0', metadata: { '3.7.0': '3.7', '3.7.1': '3.7', '3.8.0': '3.8' } },
  '0.45.0': { default: '3.9.0', metadata: { '3.8.0': '3.8', '3.8.1': '3.8', '3.9.0': '3.9' } },
  '0.46.0': { default: '4.0.0', metadata: { '3.9.0': '3.9', '4.0.0': '4.0' } },
  '0.47.0': { default: '4.0.0', metadata: { '3.9.0': '3.9', '3.9.1': '3.9', '4.0.0': '4.0' } },
  '0.48.0': { default: '4.1.0', metadata: { '4.0.0': '4.0', '4.1.0': '4.1' } },
  '0.49.1': { default: '4.1.1', metadata: { '4.0.0': '4.0', '4.0.1': '4.0', '4.1.0': '4.1', '4.1.1': '4.1' } },
  '0.50.0': { default: '4.1.1', metadata: { '4.0.0': '4.0', '4.0.1': '4.0', '4.1.0': '4.1', '4.1.1': '4.1' } },
  '0.51.0': { default: '4.2.0', metadata: { '4.1.0': '4.1', '4.1.1': '4.1', '4.2.0': '4.2' } },
  '1.0.0': { default: '4.2.0', metadata: { '4.1.0': '4.1', '4.1.1': '4.1', '4.1.2': '4.1', '4.2.0': '4.2' } },
  '1.0.1': { default: '4.2.0', metadata: { '4.1.0': '4.1', '4.1.1': '4.1', '4.1.2': '4.1', '4.2.0': '4.2' } },
  '1.1.0': { default: '4.3.0', metadata: { '4.2.0': '4.2-IV1', '4.2.1': '4.2-IV1', '4.3.0': '4.3-IV0' } },
  '1.2.0': { default: '4.3.1', metadata: { '4.2.0': '4.2-IV1', '4.2.1': '4.2-IV1', '4.3.0': '4.3-IV0', '4.3.1': '4.3-IV0' } },
};

/** The table entry of a release, for tests that compare it with upstream. @internal */
export function kafkaVersionTable(strimzi: string): KafkaVersionsOfRelease | undefined {
  return KAFKA_VERSIONS[strimzi];
}

/**
 * The Kafka version a cluster runs when the declaration names none: the release's default, or for
 * a release missing from the table the newest one its operator supports (the default in every
 * release we know).
 */
export function defaultKafkaVersion(release: StrimziRelease): string {
  const known = KAFKA_VERSIONS[release.version]?.default;
  if (known) {
    return known;
  }
  const sorted = [...release.kafkaVersions].sort((a, b) => Version.tryParse(a)!.compare(Version.tryParse(b)!));
  return sorted[sorted.length - 1];
}

/**
 * The metadata version Strimzi pairs with `kafka` in `release`; for pairs missing from the table,
 * `MAJOR.MINOR` of the Kafka version, which Kafka reads as the newest metadata version of that line.
 */
export function defaultMetadataVersion(release: StrimziRelease, kafka: string): string {
  return KAFKA_VERSIONS[release.version]?.metadata[kafka] ?? Version.tryParse(kafka)!.minorLine;
}
