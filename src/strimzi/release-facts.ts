import { Version } from '../common/version';

// Facts about Strimzi releases that their install files do not state outright. Everything that
// depends on the Strimzi version reads it from here. Sources: the CRD files
// (`TAG:packaging/install/cluster-operator/04*-Crd-*.yaml`) and CHANGELOG.md of strimzi/strimzi-kafka-operator.

/**
 * The oldest release we support. 0.41.0 made KafkaNodePools GA (CHANGELOG 0.41.0); we only emit
 * KRaft clusters with node pools, and ZooKeeper-based clusters are out of scope.
 */
export const MINIMUM_STRIMZI_VERSION = '0.41.0';

/** The `kafka.strimzi.io/v1` API is served from 0.49.0 in all CRDs (CHANGELOG 0.49.0). */
export const V1_API_SINCE = '0.49.0';

/** `v1beta2` (and `v1beta1`/`v1alpha1`) are removed from the CRDs in 1.0.0 (CHANGELOG 1.0.0). */
export const V1BETA2_REMOVED_IN = '1.0.0';

/**
 * 0.41-0.47 need `strimzi.io/kraft: enabled` and `strimzi.io/node-pools: enabled` on the Kafka
 * resource (0.46/0.47 fail reconciliation without them); 0.48.0 ignores them (CHANGELOG 0.48.0).
 */
export const KRAFT_ANNOTATIONS_IGNORED_SINCE = '0.48.0';

/** The API version our typed resources use: `v1` wherever it is served (CHANGELOG 0.49.0, "Introduce the `v1` API"). */
export function strimziApiVersion(release: Version): string {
  return release.isAtLeast(V1_API_SINCE) ? 'v1' : 'v1beta2';
}

/** Whether the Strimzi CRDs of `release` serve `apiVersion` (`v1` or `v1beta2`). */
export function servesApiVersion(release: Version, apiVersion: string): boolean {
  switch (apiVersion) {
    case 'v1':
      return release.isAtLeast(V1_API_SINCE);
    case 'v1beta2':
      return release.isBelow(V1BETA2_REMOVED_IN);
    default:
      throw new Error(`unknown Strimzi API version ${apiVersion}`);
  }
}

export function needsKraftAnnotations(release: Version): boolean {
  return release.isBelow(KRAFT_ANNOTATIONS_IGNORED_SINCE);
}

/**
 * Whether the CRDs of `release` serve both `v1beta2` and `v1` (0.49-0.51): the only releases where
 * resources stored as v1beta2 can be re-stored as v1. Strimzi's `crd-upgrade` refuses to run on any
 * other CRDs (`1.0.0:v1-api-conversion/src/main/java/io/strimzi/kafka/api/conversion/v1/cli/CrdUpgradeCommand.java`,
 * checkCrdsHaveApiVersions), and upgrade paths to 1.x must pass one of these releases (strimzi/proposals
 * 113-Strimzi-v1-CRD-API-and-1.0.0-release.md, "Upgrade path").
 */
export function servesV1Beta2AndV1(release: Version): boolean {
  return servesApiVersion(release, 'v1') && servesApiVersion(release, 'v1beta2');
}

/**
 * Strimzi's v1 API conversion tool in the operator image of 0.49.0-1.0.1 (`TAG:docker-images/operator/Dockerfile`,
 * `TAG:v1-api-conversion/bin/v1-api-conversion.sh`); removed in 1.1.0 (strimzi#11937).
 */
export const V1_API_CONVERSION_TOOL = '/opt/v1-api-conversion/bin/v1-api-conversion.sh';
