import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { applySizeErrors } from './apply-size';
import { addValidation } from './validation';

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

/**
 * A chart for one stage of the platform: its objects come out in apply order by kind (then in
 * dependency and creation order), and synth fails for objects too large for client-side apply.
 */
export class StageChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    addValidation(this, () => applySizeErrors(this));
  }

  public toJson(): any[] {
    return super.toJson()
      .map((obj, i) => ({ obj, i }))
      .sort((a, b) => (rank(a.obj.kind) - rank(b.obj.kind)) || (a.i - b.i))
      .map(x => x.obj);
  }
}
