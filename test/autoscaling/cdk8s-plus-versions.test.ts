import { ApiObject, Chart, Size, Testing } from 'cdk8s';
import * as kplus28 from 'cdk8s-plus-28';
import * as kplus33 from 'cdk8s-plus-33';
import { autoscaling, kedaKafka, one, resources } from './setup';
import { KafkaPlatform, ScaleTarget } from '../../src';

// `cdk8s init typescript-app` gives an app with cdk8s-plus-33, while the library is built against
// cdk8s-plus-28: each cdk8s-plus version has classes of its own, so a cdk8s-plus-33 Deployment was not
// assignable to a cdk8s-plus-28 one. This file type-checks with the tests (tsc), which is the point.

const container = { image: 'registry.example.com/pipeline:1', securityContext: { user: 1000 } };

describe('workloads of any cdk8s-plus version can be autoscaled', () => {
  test('a cdk8s-plus-33 Deployment, through addConsumerAutoscaling({ deployment })', () => {
    const k = kedaKafka();
    const orders = k.addTopic('orders', { partitions: 12 });
    const platform = KafkaPlatform.of(k);
    const apps = new Chart(platform.node.scope!, 'apps', { namespace: 'kafka' });
    const pipeline = new kplus33.Deployment(apps, 'pipeline', { metadata: { name: 'orders-pipeline' }, containers: [container] });

    platform.addConsumerAutoscaling('pipeline', { deployment: pipeline, consumerGroup: 'orders-pipeline', topics: [orders], maxReplicas: 12 });

    const so = one(autoscaling(platform), 'ScaledObject', 'orders-pipeline');
    expect(so.metadata.namespace).toBe('kafka');
    expect(so.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'orders-pipeline' });
    // Marked as autoscaled through cdk8s-plus-33's own IScalable: the manifest leaves replicas to the HPA.
    expect(pipeline.hasAutoscaler).toBe(true);
    expect(one(Testing.synth(apps), 'Deployment').spec.replicas).toBeUndefined();
    expect(platform.autoscalingStage!.node.dependencies).toContain(apps);
  });

  test.each([
    ['cdk8s-plus-28', (chart: Chart) => new kplus28.StatefulSet(chart, 'store', { containers: [{ ...container, portNumber: 8080 }] })],
    ['cdk8s-plus-33', (chart: Chart) => new kplus33.StatefulSet(chart, 'store', { containers: [{ ...container, portNumber: 8080 }] })],
  ])('a %s StatefulSet, through ScaleTarget.fromDeployment()', (_version, statefulSet) => {
    const workload = statefulSet(new Chart(Testing.app(), 'apps', { namespace: 'apps' }));
    const target = ScaleTarget.fromDeployment(workload);
    expect([target.apiVersion, target.kind, target.name, target.namespace]).toEqual(['apps/v1', 'StatefulSet', workload.name, 'apps']);
    expect(target._scalable).toBe(workload);
  });

  test('container resources with a cdk8s-plus-33 Cpu', () => {
    const k = kedaKafka();
    k.addConnect('sinks', { resources: { cpu: { request: kplus33.Cpu.millis(500) }, memory: { limit: Size.gibibytes(2) } } });
    expect(one(resources(KafkaPlatform.of(k)), 'KafkaConnect').spec.resources).toEqual({ requests: { cpu: '500m' }, limits: { memory: '2Gi' } });
  });

  test('anything else is refused, with what to pass instead', () => {
    const chart = Testing.chart();
    const raw = new ApiObject(chart, 'raw', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'raw' } });
    expect(() => ScaleTarget.fromDeployment(raw)).toThrow(`[${raw.node.path}] deployment: "${raw.node.path}" is not a Deployment or StatefulSet of cdk8s-plus `
      + '(it has no markHasAutoscaler()). Pass a workload of cdk8s-plus-28 ... cdk8s-plus-33, or target: ScaleTarget.fromApiObject(...) '
      + 'for any other object with a /scale subresource');
    const k = kedaKafka();
    const topic = k.addTopic('orders', { partitions: 3 });
    expect(() => KafkaPlatform.of(k).addConsumerAutoscaling('p', { deployment: topic, consumerGroup: 'g', maxReplicas: 3 }))
      .toThrow(`[${topic.node.path}] deployment: "${topic.node.path}" is not a Deployment or StatefulSet of cdk8s-plus`);
  });
});
