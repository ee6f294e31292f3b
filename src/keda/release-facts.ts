import { Version } from '../common/version';

// Every fact about KEDA versions that this library acts on, in one table. Everything that depends on
// the KEDA version asks `KedaRelease` (release.ts), which answers from here. Sources: `keda#N` is an
// issue or PR in kedacore/keda, `TAG:path` a file of kedacore/keda at a tag, CHANGELOG.md the changelog.

/** The oldest KEDA release we support: the facts below were checked from v2.14.0 on, not before. */
export const MINIMUM_KEDA_VERSION = '2.14.0';

/**
 * The newest release whose facts we checked (tag v2.20.2). A newer release is accepted and treated
 * like this one: features are assumed to stay, and regressions without a released fix are assumed
 * to be still present.
 */
export const NEWEST_KNOWN_KEDA_VERSION = '2.20.2';

/** A field, value or parameter that exists from some release on. */
export interface KedaFeatureFact {
  /** What users see, as it appears in an error message. */
  readonly what: string;
  /** The first release that has it. */
  readonly since: string;
  /** Where the fact comes from. */
  readonly source: string;
  /**
   * Where the feature shows in the CRDs of a release (`<crd name>` and a property path under the
   * storage version's spec schema; empty: the CRD itself), so that a CRD folder of another release
   * can be told apart.
   */
  readonly crd?: { readonly name: string; readonly path: string[] };
}

export const KEDA_FEATURES = {
  initialCooldownPeriod: {
    what: 'ScaledObject spec.initialCooldownPeriod',
    since: '2.14.0',
    source: 'keda#5478',
  },
  fallbackBehavior: {
    what: 'ScaledObject fallback.behavior (static, currentReplicas, currentReplicasIfHigher, currentReplicasIfLower)',
    since: '2.17.0',
    source: 'v2.17.0:apis/keda/v1alpha1/scaledobject_types.go; CRD enum first in the 2.18.3 fixture',
    crd: { name: 'scaledobjects.keda.sh', path: ['fallback', 'behavior'] },
  },
  fallbackBehaviorScalingModifiers: {
    what: 'ScaledObject fallback.behavior scalingModifiers',
    since: '2.20.0',
    source: 'v2.20.2:apis/keda/v1alpha1/scaledobject_types.go (fallback behavior enum)',
  },
  // 2.14-2.16 skip fallback for metrics that are not AverageValue; 2.17.0 rejects them (keda#6655).
  fallbackWithValueMetric: {
    what: 'fallback together with metricType Value',
    since: '2.18.0',
    source: 'keda#6655',
  },
  kafkaEnsureEvenDistributionOfPartitions: {
    what: 'kafka trigger ensureEvenDistributionOfPartitions',
    since: '2.18.0',
    source: 'keda#6558',
  },
  // Before 2.18.0 `sasl: none` fails with "err SASL mode none given"; we never emit it (keda#7070).
  kafkaSaslNone: {
    what: 'kafka trigger sasl: none',
    since: '2.18.0',
    source: 'keda#7070',
  },
  // 2.14 honours scaleToZeroOnInvalidOffset only for offsetResetPolicy latest.
  kafkaScaleToZeroOnInvalidOffsetEarliest: {
    what: 'kafka trigger scaleToZeroOnInvalidOffset with offsetResetPolicy earliest',
    since: '2.15.0',
    source: 'keda#5689',
  },
  // keda PR #5692 added saslTokenProvider and awsRegion; its commit (6681d5ecb) is the v2.14.0 tag
  // itself, and the v2.14.0 CHANGELOG lists "Support Kafka SASL MSK IAM authentication (#5540)".
  kafkaSaslTokenProvider: {
    what: 'kafka trigger saslTokenProvider and awsRegion',
    since: '2.14.0',
    source: 'v2.14.0:pkg/scalers/kafka_scaler.go (parseSaslOAuthParams, parseSaslOAuthAWSMSKIAMParams); keda PR #5692',
  },
  kafkaKerberosDisableFAST: {
    what: 'kafka authentication parameter kerberosDisableFAST',
    since: '2.16.0',
    source: 'keda#6189',
  },
  triggerAuthBoundServiceAccountToken: {
    what: 'TriggerAuthentication boundServiceAccountToken',
    since: '2.17.0',
    source: 'v2.17.0:apis/keda/v1alpha1/triggerauthentication_types.go',
    crd: { name: 'triggerauthentications.keda.sh', path: ['boundServiceAccountToken'] },
  },
  // Both CRDs have the field (the spec is shared), but KEDA reads it from a ClusterTriggerAuthentication
  // only (v2.20.2:pkg/scaling/resolver/scale_resolvers.go, resolveAuthRef).
  triggerAuthFilePath: {
    what: 'ClusterTriggerAuthentication filePath',
    since: '2.19.0',
    source: 'v2.19.0:pkg/scaling/resolver/scale_resolvers.go, keda#7083',
    crd: { name: 'clustertriggerauthentications.keda.sh', path: ['filePath'] },
  },
  triggerAuthOAuth2: {
    what: 'TriggerAuthentication oauth2',
    since: '2.20.0',
    source: 'v2.20.0:apis/keda/v1alpha1/triggerauthentication_types.go',
    crd: { name: 'triggerauthentications.keda.sh', path: ['oauth2'] },
  },
  podIdentityExternalId: {
    what: 'TriggerAuthentication podIdentity.externalID',
    since: '2.20.0',
    source: 'v2.20.0:apis/keda/v1alpha1/triggerauthentication_types.go',
    crd: { name: 'triggerauthentications.keda.sh', path: ['podIdentity', 'externalID'] },
  },
  clusterCloudEventSource: {
    what: 'the ClusterCloudEventSource CRD (clustercloudeventsources.eventing.keda.sh)',
    since: '2.16.0',
    source: 'v2.16.0:config/crd/bases/eventing.keda.sh_clustercloudeventsources.yaml',
    crd: { name: 'clustercloudeventsources.eventing.keda.sh', path: [] },
  },
} satisfies Record<string, KedaFeatureFact>;

export type KedaFeature = keyof typeof KEDA_FEATURES;

/** A bug of some releases that the library refuses to walk into, with what to do instead. */
export interface KedaRegressionFact {
  /** What breaks. */
  readonly what: string;
  /** The first affected release. */
  readonly from: string;
  /** The first release with the fix; undefined while no release has it. */
  readonly fixedIn?: string;
  /** Issue and fix. */
  readonly source: string;
  /** How to avoid it. */
  readonly advice: string;
}

export const KEDA_REGRESSIONS = {
  // v2.15.0 moved to the new Azure SDK and unwrapped the BlobNotFound error to nil, so a partition
  // without a checkpoint blob fails the whole scaler with "%!w(<nil>)". Fixed by keda PR #6096.
  eventHubCheckpoint: {
    what: 'the azure-eventhub scaler fails with "unable to get checkpoint from storage: %!w(<nil>)" as soon as a partition has no checkpoint yet',
    from: '2.15.0',
    fixedIn: '2.16.0',
    source: 'keda#6084, fixed by keda PR #6096',
    advice: 'Use KEDA 2.14.x or 2.16.0 or later (there is no 2.15.2)',
  },
  // The 2.18.0 refactor (keda#6908) appends ;EntityPath=<name> to the connection string and also
  // passes the name to the SDK, which rejects the pair. Fixed on main by keda PR #7926, in no tag yet.
  eventHubConnectionStringWithName: {
    what: 'azure-eventhub with a connection string and eventHubName fails with "connection string contains an EntityPath. eventHub must be an empty string"',
    from: '2.18.0',
    source: 'caused by keda#6908, fixed on main by keda PR #7926',
    advice: 'Leave eventHubName unset and use a connection string that contains ;EntityPath=<event hub>, or use workload identity (podIdentity azure-workload) with eventHubNamespace and eventHubName',
  },
  // Chart 2.16.x binds the main ClusterRole through per-namespace RoleBindings when watchNamespace is
  // set, but the operator always watches the cluster-scoped ClusterCloudEventSource (new in 2.16.0).
  cloudEventSourceRbac: {
    what: 'with watchNamespace set, the KEDA 2.16.x Helm chart gives the operator no cluster-wide right on eventing.keda.sh, so it fails with "cannot list resource clustercloudeventsources"',
    from: '2.16.0',
    fixedIn: '2.17.0',
    source: 'kedacore/charts#716 and keda#6493, fixed by kedacore/charts PR #714 (chart 2.17.0)',
    advice: 'Emit KedaCloudEventSourceRbac (a ClusterRole and ClusterRoleBinding) or upgrade to KEDA 2.17.0 or later',
  },
  // 2.17.0 validated fallback by the literal metricType, so an omitted one (meaning AverageValue) was
  // rejected. We always emit metricType with fallback, which every release accepts.
  fallbackOmittedMetricType: {
    what: 'a ScaledObject with fallback is rejected when a trigger omits metricType',
    from: '2.17.0',
    fixedIn: '2.17.1',
    source: 'keda#6696',
    advice: 'Set metricType AverageValue on every trigger (this library does so whenever fallback is set)',
  },
} satisfies Record<string, KedaRegressionFact>;

export type KedaRegression = keyof typeof KEDA_REGRESSIONS;

const NEWEST_KNOWN = Version.tryParse(NEWEST_KNOWN_KEDA_VERSION)!;

/** The version whose facts apply: releases newer than the newest we know behave like it. */
export function factsVersion(version: Version): Version {
  return version.compare(NEWEST_KNOWN) > 0 ? NEWEST_KNOWN : version;
}

export function supports(version: Version, feature: KedaFeature): boolean {
  return factsVersion(version).isAtLeast(KEDA_FEATURES[feature].since);
}

export function affectedBy(version: Version, regression: KedaRegression): boolean {
  const fact: KedaRegressionFact = KEDA_REGRESSIONS[regression];
  const v = factsVersion(version);
  return v.isAtLeast(fact.from) && (fact.fixedIn === undefined || v.isBelow(fact.fixedIn));
}
