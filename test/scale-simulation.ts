// What the Kubernetes API server and the HPA controller do with a custom resource's scale
// subresource, for the tests that prove the KafkaConnector patch (strimzi#10450):
//
// - GET .../scale of a custom resource (kubernetes staging/src/k8s.io/apiextensions-apiserver/pkg/
//   registry/customresource/etcd.go, scaleFromCustomResource): spec.replicas from `specReplicasPath`,
//   which must have a value, else the request fails; status.replicas from `statusReplicasPath` (0 when
//   missing); status.selector from `labelSelectorPath` ("" when the CRD has none or the field is empty).
// - The HPA (kubernetes pkg/controller/podautoscaler/horizontal.go, validateAndParseSelector): an empty
//   selector is `InvalidSelector` ("the HPA target's scale is missing a selector"); the pods it selects
//   must not be selected by another HPA, else `AmbiguousSelector`.

export interface Scale {
  readonly specReplicas: number;
  readonly statusReplicas: number;
  readonly selector: string;
}

function at(object: any, jsonPath: string): unknown {
  return jsonPath.split('.').slice(1).reduce((node: any, key) => (node === null || typeof node !== 'object' ? undefined : node[key]), object);
}

/** GET /scale of `object` as the CRD that serves it defines it; throws as the API server would fail. */
export function getScale(crd: any, object: any): Scale {
  const version = crd.spec.versions.find((v: any) => `${crd.spec.group}/${v.name}` === object.apiVersion && v.served);
  const scale = version?.subresources?.scale;
  if (!scale) {
    throw new Error(`${object.kind} ${object.apiVersion} has no scale subresource`);
  }
  const spec = at(object, scale.specReplicasPath);
  if (typeof spec !== 'number') {
    throw new Error(`${object.kind}/${object.metadata.name}: ${scale.specReplicasPath} has no value, so GET /scale fails`);
  }
  const status = at(object, scale.statusReplicasPath);
  const selector = scale.labelSelectorPath === undefined ? undefined : at(object, scale.labelSelectorPath);
  return { specReplicas: spec, statusReplicas: typeof status === 'number' ? status : 0, selector: typeof selector === 'string' ? selector : '' };
}

/** Whether a label selector in its serialized form (equality-based: `k=v`, `k==v`, `k!=v`) selects `labels`. */
export function selects(selector: string, labels: { [key: string]: string }): boolean {
  return selector.split(',').every(requirement => {
    const m = /^\s*([^=!\s]+)\s*(==|=|!=)\s*([^=!\s]*)\s*$/.exec(requirement);
    if (!m) {
      throw new Error(`not an equality-based selector: ${requirement}`);
    }
    return m[2] === '!=' ? labels[m[1]] !== m[3] : labels[m[1]] === m[3];
  });
}

/** An HPA's target, by name, and the scale its target reports. */
export interface HpaTarget {
  readonly name: string;
  readonly scale: Scale;
}

/** What the HPA controller concludes for each HPA: `ok`, `InvalidSelector` or `AmbiguousSelector`, given the pods. */
export function hpaConditions(targets: HpaTarget[], pods: Array<{ [key: string]: string }>): Map<string, string> {
  const result = new Map<string, string>();
  const podsOf = (t: HpaTarget) => pods.filter(p => selects(t.scale.selector, p));
  for (const target of targets) {
    if (target.scale.selector === '') {
      result.set(target.name, 'InvalidSelector');
      continue;
    }
    const mine = podsOf(target);
    const shared = targets.some(other => other !== target && other.scale.selector !== '' && podsOf(other).some(p => mine.includes(p)));
    result.set(target.name, shared ? 'AmbiguousSelector' : 'ok');
  }
  return result;
}

// The labels Strimzi puts on the pods it creates: Labels.generateDefaultLabels plus the pool, role and
// pod set labels (`1.2.0:operator-common/src/main/java/io/strimzi/operator/common/model/Labels.java`,
// `cluster-operator/src/main/java/io/strimzi/operator/cluster/model/{KafkaCluster,KafkaPool,
// KafkaConnectCluster,EntityOperator,CruiseControl,WorkloadUtils}.java`).
function strimziLabels(kind: string, cluster: string, name: string, type: string): { [key: string]: string } {
  return {
    'strimzi.io/kind': kind,
    'strimzi.io/cluster': cluster,
    'strimzi.io/name': name,
    'strimzi.io/component-type': type,
    'app.kubernetes.io/name': type,
    'app.kubernetes.io/instance': cluster,
    'app.kubernetes.io/part-of': `strimzi-${cluster}`,
    'app.kubernetes.io/managed-by': 'strimzi-cluster-operator',
  };
}

/** The pods of a Kafka cluster's node pools, its entity operator and Cruise Control. */
export function kafkaPods(cluster: string, pools: Array<{ name: string; replicas: number; broker: boolean; controller: boolean }>):
Array<{ [key: string]: string }> {
  const pods = pools.flatMap((pool, p) => Array.from({ length: pool.replicas }, (_, i) => ({
    ...strimziLabels('Kafka', cluster, `${cluster}-kafka`, 'kafka'),
    'strimzi.io/pool-name': pool.name,
    'strimzi.io/broker-role': String(pool.broker),
    'strimzi.io/controller-role': String(pool.controller),
    'strimzi.io/controller': 'strimzipodset',
    'strimzi.io/controller-name': `${cluster}-${pool.name}`,
    'strimzi.io/pod-name': `${cluster}-${pool.name}-${p * 100 + i}`,
  })));
  return [
    ...pods,
    strimziLabels('Kafka', cluster, `${cluster}-entity-operator`, 'entity-operator'),
    strimziLabels('Kafka', cluster, `${cluster}-cruise-control`, 'cruise-control'),
  ];
}

/** The worker pods of a Kafka Connect cluster. */
export function connectPods(connect: string, replicas: number): Array<{ [key: string]: string }> {
  return Array.from({ length: replicas }, (_, i) => ({
    ...strimziLabels('KafkaConnect', connect, `${connect}-connect`, 'kafka-connect'),
    'strimzi.io/controller': 'strimzipodset',
    'strimzi.io/controller-name': `${connect}-connect`,
    'strimzi.io/pod-name': `${connect}-connect-${i}`,
  }));
}

/** The `status.labelSelector` Strimzi writes on a KafkaConnect (KafkaConnectAssemblyOperator, getSelectorLabels().toSelectorString()). */
export function connectStatusSelector(connect: string): string {
  return `strimzi.io/cluster=${connect},strimzi.io/name=${connect}-connect,strimzi.io/kind=KafkaConnect`;
}
