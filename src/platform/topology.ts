import { IConstruct } from 'constructs';
import type { KafkaPlatform } from './platform';
import { ScaleTarget } from '../keda/scale-target';
import { ScaledObject } from '../keda/scaled-object';
import { KafkaConnect } from '../strimzi/connect';
import { KafkaConnector } from '../strimzi/connector';
import { Kafka } from '../strimzi/kafka';
import { KafkaTopic } from '../strimzi/topic';
import { KafkaUser } from '../strimzi/user';

// A Mermaid flowchart of what a platform declares and wires, for a reviewer of a GitOps pull request:
// the operator, each Kafka cluster (node pools, listeners, topics, users), Connect clusters and their
// connectors, and every ScaledObject with the target it scales and the consumer group whose lag it
// reads. Node ids are numbered in declaration order, so the same declaration gives the same text.

/** Mermaid text, built line by line; node ids are n0, n1, ... in order of creation. */
class Flowchart {
  public readonly lines = ['flowchart LR'];
  private readonly ids = new Map<unknown, string>();
  private indent = '  ';

  /** Adds a node for `key` (once) with a label and a shape (`["…"]`, `(["…"])`, ...), returns its id. */
  public node(key: unknown, label: string, shape = '[]'): string {
    let id = this.ids.get(key);
    if (!id) {
      id = `n${this.ids.size}`;
      this.ids.set(key, id);
      const half = shape.length / 2;
      this.lines.push(`${this.indent}${id}${shape.slice(0, half)}"${escape(label)}"${shape.slice(half)}`);
    }
    return id;
  }

  public idOf(key: unknown): string | undefined {
    return this.ids.get(key);
  }

  public edge(from: string, arrow: string, to: string, label?: string): void {
    this.lines.push(`${this.indent}${from} ${arrow}${label ? `|"${escape(label)}"|` : ''} ${to}`);
  }

  /** A subgraph for `key`, filled by `body`. */
  public subgraph(key: unknown, label: string, body: () => void): string {
    const id = `n${this.ids.size}`;
    this.ids.set(key, id);
    this.lines.push(`${this.indent}subgraph ${id}["${escape(label)}"]`);
    this.indent += '  ';
    body();
    this.indent = this.indent.slice(2);
    this.lines.push(`${this.indent}end`);
    return id;
  }
}

// Mermaid ends a quoted label at `"`; #quot; is its escape for it.
function escape(label: string): string {
  return label.replace(/"/g, '#quot;');
}

const instancesOf = <T>(scope: IConstruct | undefined, type: abstract new (...args: any[]) => T): T[] =>
  (scope?.node.findAll() ?? []).filter((c): c is T & IConstruct => c instanceof type);

/** The platform as a Mermaid flowchart (without the ```mermaid fence). */
export function platformMermaid(platform: KafkaPlatform): string {
  const chart = new Flowchart();
  const operator = platform.operator;
  const watched = operator.watchNamespaces.length > 0 ? operator.watchNamespaces.join(', ') : operator.namespace;
  const operatorId = chart.node(operator, `Strimzi Cluster Operator ${platform.strimzi.version}<br/>namespace ${operator.namespace}, watches ${watched}`, '[[]]');
  for (const kafka of instancesOf(platform.kafkaStage, Kafka)) {
    chart.edge(operatorId, '-->', kafkaCluster(chart, kafka), 'manages');
  }
  for (const connect of instancesOf(platform.kafkaStage, KafkaConnect)) {
    connectCluster(chart, connect);
  }
  const scaledObjects = instancesOf(platform.autoscalingStage, ScaledObject);
  if (scaledObjects.length > 0) {
    chart.subgraph('autoscaling', `autoscaling: KEDA ${platform.keda?.version}`, () => scaledObjects.forEach(so =>
      chart.node(so, `ScaledObject ${so.name}<br/>${so.target._podlessReason ? 'tasks' : 'replicas'} ${so.minReplicas} to ${so.maxReplicas}`, '{{}}')));
    const declared = new Declared(platform);
    scaledObjects.forEach(so => scaling(chart, so, declared));
  }
  return chart.lines.join('\n') + '\n';
}

/** What a ScaledObject may point at, looked up by name. */
class Declared {
  public readonly topics = new Map<string, KafkaTopic>();
  public readonly targets = new Map<string, IConstruct>();

  constructor(platform: KafkaPlatform) {
    for (const topic of instancesOf(platform.kafkaStage, KafkaTopic)) {
      if (!this.topics.has(topic.topicName)) {
        this.topics.set(topic.topicName, topic);
      }
    }
    for (const r of [...instancesOf(platform.kafkaStage, KafkaConnect), ...instancesOf(platform.kafkaStage, KafkaConnector)]) {
      this.targets.set(`${r.kind}/${r.namespace}/${r.name}`, r);
    }
  }
}

function kafkaCluster(chart: Flowchart, kafka: Kafka): string {
  return chart.subgraph(kafka, `Kafka ${kafka.name}: namespace ${kafka.namespace}, Kafka ${kafka.kafkaVersion}`, () => {
    for (const pool of kafka.nodePools) {
      chart.node(pool, `node pool ${pool.name}<br/>${pool.replicas} x ${pool.roles.join(', ')}`);
    }
    for (const listener of kafka.listeners) {
      const auth = listener.authentication ? `, ${listener.authentication.type}` : '';
      chart.node(listener, `listener ${listener.name} :${listener.port}<br/>${listener.type}${listener.tls ? ', TLS' : ''}${auth}`, '([])');
    }
    for (const topic of kafka.topics) {
      chart.node(topic, `topic ${topic.topicName}<br/>${topic.partitions} partitions`, '[//]');
    }
    for (const user of instancesOf(kafka, KafkaUser).filter(u => u.node.scope === kafka)) {
      chart.node(user, `user ${user.name}${user.authentication ? `<br/>${user.authentication.type}` : ''}`, '>]');
    }
  });
}

function connectCluster(chart: Flowchart, connect: KafkaConnect): void {
  chart.subgraph(`connect:${connect.node.path}`, `Kafka Connect ${connect.name}: namespace ${connect.namespace}`, () => {
    chart.node(connect, `KafkaConnect ${connect.name}<br/>${connect.replicas} worker(s)`);
    for (const connector of connect.connectors) {
      chart.node(connector, `KafkaConnector ${connector.name}<br/>${connector.isSink ? `sink, group ${connector.consumerGroup}` : 'source'}`);
    }
  });
  chart.edge(chart.idOf(connect)!, '-->', chart.idOf(connect.listener)!, 'connects through');
  for (const connector of connect.connectors) {
    for (const topic of connector.sinkTopics) {
      chart.edge(chart.idOf(topic)!, '-->', chart.idOf(connector)!);
    }
  }
}

// A ScaledObject's edges: what it scales, and the lag (group, topic) of each kafka trigger.
function scaling(chart: Flowchart, so: ScaledObject, declared: Declared): void {
  const soId = chart.idOf(so)!;
  chart.edge(soId, '==>', targetNode(chart, so.target, declared), 'scales');
  for (const trigger of so.triggers) {
    const { consumerGroup, topic } = trigger.metadata;
    if (trigger.type !== 'kafka') {
      chart.edge(soId, '-.->', chart.node(`trigger:${soId}:${trigger.type}`, `${trigger.type} trigger`, '(())'));
      continue;
    }
    const known = topic ? declared.topics.get(topic) : undefined;
    const source = known ? chart.idOf(known)! : chart.node(`topic:${topic ?? '*'}`, topic ? `topic ${topic}` : 'every topic of the group', '[//]');
    chart.edge(soId, '-.->', source, `lag of group ${consumerGroup}`);
  }
}

function targetNode(chart: Flowchart, target: ScaleTarget, declared: Declared): string {
  const known = declared.targets.get(`${target.kind}/${target.namespace}/${target.name}`);
  return known ? chart.idOf(known)! : chart.node(`target:${target.kind}/${target.namespace}/${target.name}`,
    `${target.kind} ${target.name}<br/>namespace ${target.namespace}`);
}
