// Apply order inside a stage: what others refer to comes first (Namespaces, CRDs, identities and RBAC,
// config, workloads; then Strimzi resources from cluster to connector, KEDA auth before ScaledObjects).
// Objects of kinds not listed keep their place after the listed ones.
const KIND_ORDER = [
  'Namespace', 'CustomResourceDefinition', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding',
  'ConfigMap', 'Secret', 'Service', 'Deployment',
  'Kafka', 'KafkaNodePool', 'KafkaTopic', 'KafkaUser', 'KafkaConnect', 'KafkaConnector',
  'TriggerAuthentication', 'ClusterTriggerAuthentication', 'ScaledObject', 'ScaledJob',
];

function rank(kind: string): number {
  const i = KIND_ORDER.indexOf(kind);
  return i < 0 ? KIND_ORDER.length : i;
}

/** The manifests in apply order by kind; objects of one kind keep their order (a stable sort). */
export function byApplyOrder<T extends { kind: string }>(manifests: T[]): T[] {
  return manifests
    .map((obj, i) => ({ obj, i }))
    .sort((a, b) => (rank(a.obj.kind) - rank(b.obj.kind)) || (a.i - b.i))
    .map(x => x.obj);
}
