import { CrdSchemas, expectConformant } from './conformance/crd-schema';
import { mermaidEdges } from './mermaid';
import { secretMaterial } from './property/secret-scan';
import { synthExample } from './synth-example';

describe('examples/platform', () => {
  const others = new Map<string, string>();
  const files = synthExample('platform', others);

  test('writes the stages in apply order, the Streams app before its autoscaling', () => {
    expect([...files.keys()]).toEqual([
      '0000-events-crds.k8s.yaml', '0001-events-operator.k8s.yaml', '0002-events-kafka.k8s.yaml', '0003-streams.k8s.yaml', '0004-events-autoscaling.k8s.yaml',
    ]);
  });

  test('autoscales the Connect workers, one connector\'s tasks and the Kafka Streams Deployment', () => {
    const scaled = files.get('0004-events-autoscaling.k8s.yaml')!.filter(o => o.kind === 'ScaledObject');
    expect(scaled.map(o => `${o.spec.scaleTargetRef.kind}/${o.spec.scaleTargetRef.name}`)).toEqual([
      'KafkaConnect/sinks', 'KafkaConnector/orders-to-s3', 'Deployment/orders-pipeline',
    ]);
    // The workers scale between 2 and 6: no cooldownPeriod, which KEDA would ignore with a minimum of 2
    // (pkg/scaling/executor/scale_scaledobjects.go); slow scale-in comes from the HPA behavior.
    const workers = scaled[0].spec;
    expect([workers.minReplicaCount, workers.maxReplicaCount, workers.cooldownPeriod]).toEqual([2, 6, undefined]);
    expect(workers.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown).toEqual({ stabilizationWindowSeconds: 600, policies: [{ type: 'Pods', value: 1, periodSeconds: 300 }] });
    // Sink connectors' consumers start at earliest (apache/kafka Worker.java), so a new connector's
    // backlog counts as lag; the Streams app keeps KEDA's default.
    expect(scaled.map(o => o.spec.triggers.map((t: any) => t.metadata.offsetResetPolicy ?? '-').join(','))).toEqual(['earliest,earliest', 'earliest', '-']);
    const streams = files.get('0003-streams.k8s.yaml')!.find(o => o.kind === 'Deployment');
    expect(streams.spec.replicas).toBeUndefined();
  });

  test('is a 3-controller/3-broker cluster with TLS and SCRAM listeners, topics, and Connect with two sinks and a source', () => {
    const kafka = files.get('0002-events-kafka.k8s.yaml')!;
    const pools = kafka.filter(o => o.kind === 'KafkaNodePool').map(o => [o.spec.roles.join(','), o.spec.replicas]);
    expect(pools).toEqual([['controller', 3], ['broker', 3]]);
    const listeners = kafka.find(o => o.kind === 'Kafka').spec.kafka.listeners.map((l: any) => [l.tls, l.authentication.type]);
    expect(listeners).toEqual([[true, 'tls'], [true, 'scram-sha-512']]);
    expect(kafka.filter(o => o.kind === 'KafkaTopic')).toHaveLength(3);
    const connectors = kafka.filter(o => o.kind === 'KafkaConnector');
    expect(connectors.map(c => Boolean(c.spec.config?.topics))).toEqual([true, true, false]);
  });

  test('writes a Mermaid picture next to the manifests that shows every ScaledObject, its target and the groups whose lag it reads', () => {
    expect([...others.keys()]).toEqual(['events-topology.md']);
    const markdown = others.get('events-topology.md')!;
    expect(markdown).toMatch(/^# Kafka platform "events"\n[\s\S]*\n```mermaid\nflowchart LR\n[\s\S]*\n```\n$/);
    const edges = mermaidEdges(markdown);
    const scaled = files.get('0004-events-autoscaling.k8s.yaml')!.filter(o => o.kind === 'ScaledObject');
    expect(scaled).toHaveLength(3);
    for (const so of scaled) {
      const { kind, name } = so.spec.scaleTargetRef;
      expect(edges).toContainEqual(`ScaledObject ${so.metadata.name} ==> ${kind} ${name} (scales)`);
      for (const trigger of so.spec.triggers) {
        expect(edges).toContainEqual(`ScaledObject ${so.metadata.name} -.-> topic ${trigger.metadata.topic} (lag of group ${trigger.metadata.consumerGroup})`);
      }
    }
  });

  test('writes no secret material (issue 11)', () => {
    expect(secretMaterial([...files.values()].flat().filter(o => o))).toEqual([]);
  });

  test('every object validates against the CRDs it ships (Strimzi 1.2.0 patched, KEDA 2.20.2)', () => {
    const crds = files.get('0000-events-crds.k8s.yaml')!;
    expect(crds.filter(c => c.spec.group === 'keda.sh')).toHaveLength(4);
    const schemas = CrdSchemas.fromCrds(crds);
    for (const objects of files.values()) {
      expectConformant(schemas, objects);
    }
  });
});
