// Apply order inside a stage: what others refer to comes first (Namespaces, CRDs, identities and RBAC,
// config, workloads; then Strimzi resources from cluster to connector, KEDA auth before ScaledObjects).
// Objects of kinds not listed keep their place after the listed ones.
const KIND_ORDER = [
  'Namespace', 'CustomResourceDefinition', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding',
  'ConfigMap', 'Secret', 'Service', 'Deployment',
  'Kafka', 'KafkaNodePool', 'KafkaTopic', 'KafkaUser', 'KafkaConnect', 'KafkaConnector',
  'TriggerAuthentication', 'ClusterTriggerAuthentication', 'ScaledObject', 'ScaledJob',
];

const RANK = new Map(KIND_ORDER.map((kind, i) => [kind, i]));

/** The manifests in apply order by kind; objects of one kind keep their order (a stable sort). */
export function byApplyOrder<T extends { kind: string }>(manifests: T[]): T[] {
  return manifests
    .map((obj, i) => ({ obj, i, rank: RANK.get(obj.kind) ?? KIND_ORDER.length }))
    .sort((a, b) => (a.rank - b.rank) || (a.i - b.i))
    .map(x => x.obj);
}
