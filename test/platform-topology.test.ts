import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { kedaKafka } from './autoscaling/setup';
import { strimziRelease } from './fixtures';
import { mermaidEdges } from './mermaid';
import { KafkaPlatform, MetricType, ScalerTrigger, ScaleTarget } from '../src';

describe('KafkaPlatform.toMermaid()', () => {
  test('shows every autoscaled target: which ScaledObject scales it, on which group\'s lag', () => {
    const k = kedaKafka();
    const platform = KafkaPlatform.of(k);
    const orders = k.addTopic('orders', { partitions: 12 });
    const payments = k.addTopic('payments', { topicName: 'Payments.v1', partitions: 6 });
    const connect = k.addConnect('sinks', { replicas: 2, autoscaling: { minReplicas: 2, maxReplicas: 6 } });
    connect.addConnector('orders-to-s3', { className: 'S3', topics: [orders], autoscaling: { minTasks: 2, maxTasks: 12 } });
    connect.addConnector('payments-to-dw', { className: 'Jdbc', topics: [payments] });
    connect.addConnector('audit-from-db', { className: 'JdbcSource' });
    const apps = new Chart(platform.node.scope!, 'apps', { namespace: 'kafka' });
    const pipeline = new kplus.Deployment(apps, 'pipeline', { metadata: { name: 'orders-pipeline' }, containers: [{ image: 'example/p:1' }] });
    platform.addConsumerAutoscaling('pipeline', { deployment: pipeline, consumerGroup: 'orders-pipeline', maxReplicas: 12, kafka: k });
    platform.addConsumerAutoscaling('rollout', {
      target: ScaleTarget.of({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'checkout', namespace: 'kafka' }),
      consumerGroup: 'checkout',
      topics: [payments, 'undeclared'],
      maxReplicas: 6,
      triggers: [ScalerTrigger.cpu({ metricType: MetricType.UTILIZATION, value: '80' })],
    });

    const text = platform.toMermaid();
    expect(text.split('\n')[0]).toBe('flowchart LR');
    expect(mermaidEdges(text).filter(e => e.startsWith('ScaledObject'))).toEqual([
      'ScaledObject sinks-workers ==> KafkaConnect sinks (scales)',
      'ScaledObject sinks-workers -.-> topic orders (lag of group connect-orders-to-s3)',
      'ScaledObject sinks-workers -.-> topic Payments.v1 (lag of group connect-payments-to-dw)',
      'ScaledObject orders-to-s3-tasks ==> KafkaConnector orders-to-s3 (scales)',
      'ScaledObject orders-to-s3-tasks -.-> topic orders (lag of group connect-orders-to-s3)',
      'ScaledObject orders-pipeline ==> Deployment orders-pipeline (scales)',
      'ScaledObject orders-pipeline -.-> every topic of the group (lag of group orders-pipeline)',
      'ScaledObject checkout ==> Rollout checkout (scales)',
      'ScaledObject checkout -.-> cpu trigger',
      'ScaledObject checkout -.-> topic Payments.v1 (lag of group checkout)',
      'ScaledObject checkout -.-> topic undeclared (lag of group checkout)',
    ]);
    expect(mermaidEdges(text).filter(e => !e.startsWith('ScaledObject'))).toEqual([
      'Strimzi Cluster Operator 1.2.0 --> Kafka events: namespace kafka, Kafka 4.3.1 (manages)',
      'KafkaConnect sinks --> listener tls :9093 (connects through)',
      'topic orders --> KafkaConnector orders-to-s3',
      'topic Payments.v1 --> KafkaConnector payments-to-dw',
    ]);
    // The cluster's parts, inside its subgraph.
    expect(text).toContain('    n2["node pool controllers<br/>3 x controller"]\n    n3["node pool brokers<br/>3 x broker"]\n');
    expect(text).toContain('(["listener scram :9094<br/>cluster-ip, TLS, scram-sha-512"])');
    expect(text).toContain('{{"ScaledObject orders-to-s3-tasks<br/>tasks 2 to 12"}}');
    expect(text).toContain('{{"ScaledObject sinks-workers<br/>replicas 2 to 6"}}');
    expect(text).toContain('["KafkaConnector audit-from-db<br/>source"]');
    // The same declaration, the same text.
    expect(platform.toMermaid()).toBe(text);
  });

  test('a platform without Kafka resources is the operator alone', () => {
    const platform = new KafkaPlatform(Testing.app(), 'bare', { namespace: 'bare', strimzi: strimziRelease() });
    expect(platform.toMermaid()).toBe('flowchart LR\n  n0[["Strimzi Cluster Operator 1.2.0<br/>namespace bare, watches bare"]]\n');
  });

  test('a double quote in a label is escaped, so the label does not end early', () => {
    const k = kedaKafka();
    KafkaPlatform.of(k).addConsumerAutoscaling('odd', {
      target: ScaleTarget.of({ apiVersion: 'example.com/v1', kind: 'Odd"Kind', name: 'odd', namespace: 'kafka' }), kafka: k, consumerGroup: 'g', maxReplicas: 2,
    });
    expect(KafkaPlatform.of(k).toMermaid()).toContain('["Odd#quot;Kind odd<br/>namespace kafka"]');
  });
});
