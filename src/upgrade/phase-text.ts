import { CRD_UPGRADE_JOB, STRIMZI_V1_CRDS } from './crd-upgrade-job';
import { PhaseKind, PhaseSpec } from './plan';
import { servesApiVersion } from '../strimzi/release-facts';

/** The names a phase's checks refer to. */
export interface PhaseNames {
  /** The operator namespace. */
  readonly operatorNamespace: string;
  /** The operator image of the phase. */
  readonly operatorImage: string;
  /** Kafka clusters as `namespace/name`. */
  readonly kafkas: string[];
  /** The kinds of Strimzi resources other than Kafka with a Ready condition, by namespace. */
  readonly readyKinds: Map<string, string[]>;
  /** Names of the CRDs of the phase. */
  readonly crds: string[];
  /** Namespaces with ScaledObjects. */
  readonly scaledObjectNamespaces: string[];
}

// The Cluster Operator reads v1beta2 below 1.0 (the @Version of its model classes, `0.51.0:api/src/main/java/
// io/strimzi/api/kafka/model/kafka/Kafka.java`; CHANGELOG 1.0.0 "Use the v1 API in the Cluster Operator").
function operatorStillServed(spec: PhaseSpec): boolean {
  return servesApiVersion(spec.crds._version, 'v1beta2') || !servesApiVersion(spec.operator._version, 'v1beta2');
}

/** A phase's title. */
export function phaseTitle(spec: PhaseSpec): string {
  switch (spec.kind) {
    case PhaseKind.CURRENT: return `The platform on Strimzi ${spec.crds.version} as it runs today, Kafka ${spec.kafka.version}`;
    case PhaseKind.KAFKA: return `Kafka version ${spec.kafka.version} (metadata version stays ${spec.kafka.metadataVersion}) on Strimzi ${spec.operator.version}`;
    case PhaseKind.METADATA: return `KRaft metadata version ${spec.kafka.metadataVersion} on Strimzi ${spec.operator.version}`;
    case PhaseKind.CRD_UPGRADE: return `Resources re-stored as v1 with Strimzi's crd-upgrade on Strimzi ${spec.crds.version}`;
    case PhaseKind.CRDS: return `The CRDs of Strimzi ${spec.crds.version} (the operator stays ${spec.operator.version})`;
    case PhaseKind.OPERATOR: return `The Cluster Operator of Strimzi ${spec.operator.version}`;
    case PhaseKind.RESOURCES: return `The resources as Strimzi ${spec.resources.version} serves them, Kafka ${spec.kafka.version}`;
  }
}

/** Why a phase comes where it does. */
export function phaseWhy(spec: PhaseSpec): string {
  switch (spec.kind) {
    case PhaseKind.CURRENT:
      return 'The starting point, written by this library: apply it first (review `kubectl diff --server-side -f <folder>`) so the cluster '
        + 'matches the plan. It pins the Kafka version (an operator upgrade would otherwise move an unpinned cluster to its own default) '
        + 'and writes KafkaUser ACLs with `operations`, which the User Operator of 0.49 and later requires before it starts.';
    case PhaseKind.KAFKA:
      return 'Kafka moves before its metadata version, so the brokers can still be rolled back while they run the new version '
        + '(Strimzi `documentation/modules/upgrading/proc-upgrade-kafka-kraft.adoc`). The brokers roll one at a time.';
    case PhaseKind.METADATA:
      return 'The metadata version moves after every broker runs the new Kafka version; after this, Kafka cannot be downgraded.';
    case PhaseKind.CRD_UPGRADE:
      return 'The next release serves only the v1 API, and Kubernetes refuses a CRD that drops a version still listed in '
        + '`status.storedVersions`. Strimzi\'s crd-upgrade (in this release\'s operator image) makes v1 the storage version, re-stores '
        + 'every resource through v1 and cleans `storedVersions`; the resources are already written as v1. It must be the last step '
        + 'before the next CRDs. Do not re-apply the CRDs of this release afterwards: they would make v1beta2 the storage version again.';
    case PhaseKind.CRDS:
      return 'The CRDs come before the operator that needs them, and a CRD the API server refuses (for example while '
        + '`storedVersions` still lists v1beta2) stops the plan before the operator changes. '
        + (operatorStillServed(spec)
          ? 'They still serve the API the running operator reads.'
          : `The operator of ${spec.operator.version} reads v1beta2, which these CRDs no longer serve: it cannot write anything until `
            + 'the next phase replaces it, so apply the next phase as soon as this one settles (the brokers keep running). '
            + 'The other order would run the new operator against the old schema and leave it half upgraded if the CRDs were refused.');
    case PhaseKind.OPERATOR:
      return 'The operator moves once its CRDs are served; it reconciles every cluster and rolls the entity operators. '
        + (spec.kafkaUnsupported ? `It cannot run Kafka ${spec.kafka.version}, which no version of both releases replaces: the Kafka clusters `
          + 'report NotReady (unsupported Kafka version) and their brokers keep running until the next phase raises the version, as Strimzi '
          + 'documents for this case (`documentation/modules/upgrading/con-upgrade-paths.adoc`).' : '');
    case PhaseKind.RESOURCES:
      return 'The resources are written in the API the new operator reads, once it runs (Strimzi converts custom resources after the '
        + 'operator upgrade). Each object is the same object in the cluster, whichever API version writes it.'
        + (spec.kafkaRaised ? ` Kafka moves to ${spec.kafka.version} in the same step, since the new operator cannot run the old version.` : '');
  }
}

/** Commands to run before a phase is applied. */
export function phaseBefore(spec: PhaseSpec, deletedCrds: string[]): string[] {
  return spec.kind === PhaseKind.CRDS && deletedCrds.length > 0
    ? deletedCrds.map(crd => `kubectl delete crd ${crd}   # deletes every resource of its kind: only after migrating them`)
    : [];
}

/** Commands that check a phase has settled. */
export function phaseChecks(spec: PhaseSpec, names: PhaseNames): string[] {
  const op = names.operatorNamespace;
  const each = (f: (ns: string, name: string) => string) => names.kafkas.map(k => f(...k.split('/') as [string, string]));
  const ready = each((ns, name) => `kubectl -n ${ns} wait kafka/${name} --for=condition=Ready --timeout=30m`);
  switch (spec.kind) {
    case PhaseKind.CRDS:
      return [`kubectl wait --for=condition=Established --timeout=120s ${names.crds.map(c => `crd/${c}`).join(' ')}`];
    case PhaseKind.OPERATOR:
      return [
        `kubectl -n ${op} rollout status deployment/strimzi-cluster-operator --timeout=10m`,
        `kubectl -n ${op} get deployment strimzi-cluster-operator -o jsonpath='{.spec.template.spec.containers[0].image}'   # ${names.operatorImage}`,
        ...(spec.kafkaUnsupported
          ? each((ns, name) => `kubectl -n ${ns} get kafka ${name} -o jsonpath='{.status.conditions}'   # NotReady, unsupported Kafka version: expected until the next phase`)
          : each((ns, name) => `kubectl -n ${ns} wait kafka/${name} --for=jsonpath='{.status.operatorLastSuccessfulVersion}'=${spec.operator.version} --timeout=30m`)),
      ];
    case PhaseKind.CRD_UPGRADE:
      return [
        `kubectl -n ${op} wait --for=condition=complete job/${CRD_UPGRADE_JOB} --timeout=30m`,
        ...STRIMZI_V1_CRDS.map(crd => `kubectl get crd ${crd} -o jsonpath='{.status.storedVersions}'   # ["v1"]`),
      ];
    case PhaseKind.KAFKA:
      return [...each((ns, name) => `kubectl -n ${ns} wait kafka/${name} --for=jsonpath='{.status.kafkaVersion}'=${spec.kafka.version} --timeout=60m`), ...ready];
    case PhaseKind.METADATA:
      return [
        ...ready,
        ...each((ns, name) => `kubectl -n ${ns} get kafka ${name} -o jsonpath='{.status.kafkaMetadataVersion}'   # ${spec.kafka.metadataVersion}`
          + `${spec.kafka.metadataVersion.includes('-IV') ? '' : ' (or a later IV of it)'}`),
        ...each((ns, name) => `kubectl -n ${ns} get kafka ${name} -o jsonpath='{.status.conditions[?(@.reason=="MetadataUpdateFailed")].message}'   # empty`),
      ];
    case PhaseKind.CURRENT:
    case PhaseKind.RESOURCES:
      return [
        ...(spec.kafkaRaised ? each((ns, name) => `kubectl -n ${ns} wait kafka/${name} --for=jsonpath='{.status.kafkaVersion}'=${spec.kafka.version} --timeout=60m`) : []),
        ...ready,
        ...[...names.readyKinds].map(([ns, kinds]) => `kubectl -n ${ns} wait ${kinds.join(',')} --all --for=condition=Ready --timeout=20m`),
        ...names.scaledObjectNamespaces.map(ns => `kubectl -n ${ns} wait scaledobject --all --for=condition=Ready --timeout=5m`),
      ];
  }
}
