import { Construct } from 'constructs';
import { connectWorkerBehavior } from './connect-worker-behavior';
import { checkCooldowns, declaredPartitions, kedaOf, lagScaledObject, lagTrigger, partitionCapErrors, sinkOffsetResetPolicy } from './lag-trigger';
import { ScalingContext } from './scaler-credentials';
import { KafkaConnectAutoscalingOptions } from '../autoscaling-options/lag-scaling';
import { addValidation, fieldError, fieldMessage } from '../common/field-errors';
import { ScaleTarget } from '../keda/scale-target';
import { ScaledObject } from '../keda/scaled-object';
import { ScalerTrigger } from '../keda/triggers';
import { coveringNames } from '../strimzi/acl-cover';
import type { KafkaConnect } from '../strimzi/connect';
import type { KafkaConnector } from '../strimzi/connector';

/** What the platform gives the workers' autoscaling. */
interface ConnectAutoscalingProps extends ScalingContext {
  readonly connect: KafkaConnect;
  readonly options: KafkaConnectAutoscalingOptions;
}

/**
 * Most sink connectors whose lag the workers' ScaledObject reads with one kafka trigger each. Each
 * trigger is about 600 bytes of the ScaledObject and one metric that KEDA polls and the HPA evaluates
 * per cycle; beyond this the workers scale on one Prometheus query over Strimzi's Kafka Exporter
 * instead (`prometheusServerAddress`), whatever the number of connectors.
 */
export const WORKER_LAG_TRIGGER_LIMIT = 100;

/**
 * A ScaledObject on a KafkaConnect (whose scale subresource selects its worker pods), with one lag
 * trigger per sink connector: the group `connect-<connector>` on the connector's topics; beyond
 * WORKER_LAG_TRIGGER_LIMIT sink connectors, one prometheus trigger on their summed lag.
 *
 * The KafkaPlatform creates it for a Connect cluster declared with `autoscaling`.
 */
export class KafkaConnectAutoscaling extends Construct {
  /** @internal */
  public static _create(scope: Construct, id: string, props: ConnectAutoscalingProps): KafkaConnectAutoscaling {
    return new KafkaConnectAutoscaling(scope, id, props);
  }

  /** The ScaledObject. */
  public readonly scaledObject: ScaledObject;

  private readonly props: ConnectAutoscalingProps;
  private readonly lagTriggers = new Set<ScalerTrigger>();
  private sinks = 0;
  /** Whether the per-connector triggers are emitted, for the grants of their credentials. */
  private readonly emitsLagTriggers: () => boolean;

  private constructor(scope: Construct, id: string, props: ConnectAutoscalingProps) {
    super(scope, id);
    this.props = props;
    this.emitsLagTriggers = () => !this.aggregated();
    const { connect, options } = props;
    const minReplicas = options.minReplicas ?? 1;
    if (connect.replicas < minReplicas || connect.replicas > options.maxReplicas) {
      throw fieldError(connect, 'replicas', connect.replicas, `is outside the autoscaling range ${minReplicas}-${options.maxReplicas}`,
        'Set replicas to the number of workers to start with, within the range');
    }
    checkCooldowns(connect, 'autoscaling.', { field: 'minReplicas', value: minReplicas }, options);
    this.scaledObject = lagScaledObject(this, kedaOf(connect, props.keda, 'autoscaling', options), {
      name: `${connect.name}-workers`,
      namespace: connect.namespace,
      target: ScaleTarget.of({ apiVersion: connect.apiObject.apiVersion, kind: 'KafkaConnect', name: connect.name, namespace: connect.namespace }),
      minReplicas,
      maxReplicas: options.maxReplicas,
    }, { ...options, behavior: connectWorkerBehavior(options.behavior) });
    if (options.prometheusServerAddress !== undefined) {
      // The aggregated trigger is built at synthesis; its address is checked now, by the prometheus
      // trigger's own rules (lagThreshold and activationLagThreshold are checked on every kafka trigger).
      const probe = ScalerTrigger.prometheus({ serverAddress: options.prometheusServerAddress, query: 'vector(0)', threshold: 1 });
      const errors = probe._errors({ release: this.scaledObject.release, field: 'autoscaling' });
      if (errors.length > 0) {
        throw fieldError(connect, 'autoscaling.prometheusServerAddress', options.prometheusServerAddress, 'is not an http:// or https:// URL',
          'For example http://prometheus.monitoring.svc:9090');
      }
      this.scaledObject._renderTriggersWith(triggers => this.aggregated() ? this.withSummedLag(triggers) : triggers);
      connect.kafka._enableKafkaExporterWhen(() => this.aggregated());
    }
    addValidation(this, () => this.validate());
  }

  /**
   * Adds the lag trigger of a sink connector, while the workers scale on one trigger per connector.
   * @internal
   */
  public _addConnector(connector: KafkaConnector): void {
    if (!connector.isSink) {
      return;
    }
    const { connect, options, credentials } = this.props;
    // The options must agree with the connector's consumer, whichever trigger the workers get.
    const offsetResetPolicy = sinkOffsetResetPolicy(connect, 'autoscaling.', connector, options, this.scaledObject.release);
    this.sinks++;
    if (this.aggregated()) {
      // One prometheus trigger replaces the per-connector ones: building more would be wasted (they
      // were a quarter of building 5,000 connectors), and they grant nothing they do not emit.
      return;
    }
    const source = { kafka: connect.kafka, listener: connect.listener, consumerGroup: connector.consumerGroup, topics: connector.sinkTopicNames };
    const authentication = credentials.authenticationFor({
      ...source,
      client: connector,
      namespace: connect.namespace,
      revision: options.credentialsRevision,
      release: this.scaledObject.release,
      grantWhile: this.emitsLagTriggers,
    });
    const topic = source.topics.length === 1 ? source.topics[0] : undefined;
    const trigger = lagTrigger(`lag-${connector.name}`, source, topic, { ...options, offsetResetPolicy }, authentication);
    this.scaledObject.addTrigger(trigger);
    this.lagTriggers.add(trigger);
  }

  /**
   * Whether the workers scale on the summed lag: more sink connectors than the limit, and a
   * Prometheus to ask (without it, validation says so).
   */
  private aggregated(): boolean {
    return this.sinks > WORKER_LAG_TRIGGER_LIMIT && this.props.options.prometheusServerAddress !== undefined;
  }

  // The triggers the user added, and one prometheus trigger in place of the per-connector ones.
  private withSummedLag(triggers: ScalerTrigger[]): ScalerTrigger[] {
    const sinks = this.props.connect.connectors.filter(c => c.isSink);
    return [...triggers.filter(t => !this.lagTriggers.has(t)), this.summedLagTrigger(sinks.map(c => c.consumerGroup))];
  }

  /**
   * The total lag of the groups, as Strimzi's Kafka Exporter reports it (`kafka_consumergroup_lag`,
   * one series per group, topic and partition), of this Kafka cluster only: `namespace` and
   * `strimzi_io_cluster` are the target labels of Strimzi's example PodMonitor
   * (packaging/examples/metrics/prometheus-install/pod-monitors/kafka-resources-metrics.yaml maps
   * the pod's namespace and `strimzi.io/*` labels), so two clusters in one namespace are not summed
   * together. The groups are matched by at
   * most LITERAL_ACL_LIMIT names or prefixes (acl-cover.ts), so the query's size is bounded too. The
   * HPA divides the sum by lagThreshold, as it divides each kafka trigger's lag (both AverageValue).
   */
  private summedLagTrigger(groups: string[]): ScalerTrigger {
    const { connect, options } = this.props;
    const regex = coveringNames(groups).map(g => promRegexLiteral(g.name) + (g.prefix ? '.*' : '')).join('|');
    return ScalerTrigger.prometheus({
      name: 'lag-sum',
      serverAddress: options.prometheusServerAddress!,
      query: `sum(kafka_consumergroup_lag{namespace="${connect.kafka.namespace}",strimzi_io_cluster="${connect.kafka.name}",consumergroup=~"${regex}"})`,
      threshold: options.lagThreshold ?? 10,
      activationThreshold: options.activationLagThreshold,
    });
  }

  // Two bounds on useful workers, and the message names the lower one that maxReplicas exceeds.
  private validate(): string[] {
    const { connect, options } = this.props;
    const connectors = connect.connectors;
    const sinks = connectors.filter(c => c.isSink);
    if (sinks.length > WORKER_LAG_TRIGGER_LIMIT && options.prometheusServerAddress === undefined) {
      return [fieldMessage('autoscaling', `KafkaConnect ${connect.name}`, `scales workers on the lag of ${sinks.length} sink connectors, more than the `
        + `${WORKER_LAG_TRIGGER_LIMIT} that get one kafka trigger each: the ScaledObject, and what KEDA polls and the HPA evaluates per cycle, would grow with them`,
      'Set autoscaling.prometheusServerAddress to a Prometheus that scrapes the Kafka Exporter: the workers then scale on one query over the summed lag '
        + '(the library enables the Kafka Exporter), or spread the connectors over several Connect clusters')];
    }
    if (sinks.length === 0 && (options.triggers ?? []).length === 0) {
      return [fieldMessage('autoscaling', `KafkaConnect ${connect.name}`, 'scales workers on the lag of sink connectors, but the Connect cluster has none',
        'Add a connector with topics, or triggers')];
    }
    // Each kafka trigger is capped at its connector's partitions, and the HPA follows the largest
    // trigger. The summed lag is one prometheus query, which KEDA does not cap: there only the tasks
    // bound the useful workers (each task reads at least one partition: connector autoscaling and
    // tasksMax bound the tasks).
    const partitions = sinks.map(c => declaredPartitions(connect.kafka, c.sinkTopicNames));
    const partitionCap = sinks.length === 0 || this.aggregated() || partitions.some(p => p === undefined) || options.allowIdleConsumers
      ? undefined : Math.max(...partitions as number[]);
    // Without declared connectors the tasks are unknown (they may come from elsewhere).
    const taskCap = connectors.length === 0 ? undefined : connectors.reduce((sum, c) => sum + taskLimit(c), 0);
    const field = 'autoscaling.maxReplicas';
    if (taskCap !== undefined && options.maxReplicas > taskCap && (partitionCap === undefined || taskCap <= partitionCap)) {
      return [fieldMessage(field, options.maxReplicas, `exceeds the ${taskCap} task(s) that the ${connectors.length} connector(s) of KafkaConnect ${connect.name} `
        + 'can run (the sum of their tasksMax, of maxTasks where the tasks are autoscaled, and 1 where tasksMax is unset: Kafka Connect\'s tasks.max default); '
        + 'a worker runs tasks, so workers beyond them would idle', `Lower ${field} to ${taskCap}, or raise the connectors' tasksMax or maxTasks`)];
    }
    return partitionCapErrors(field, options.maxReplicas, partitionCap, `the largest sink connector's topics of KafkaConnect ${connect.name}`, options);
  }
}

/**
 * The most tasks a connector can have: `maxTasks` when its tasks are autoscaled, else `tasksMax`, else
 * 1, Kafka Connect's default for `tasks.max` (apache/kafka 3.9 ConnectorConfig.java, TASKS_MAX_DEFAULT),
 * which applies because Strimzi sends `tasks.max` only when `spec.tasksMax` is set (strimzi 1.2.0
 * AbstractConnectOperator.java). Source connectors count too: their tasks run on the same workers, so
 * a worker beyond the sink tasks still takes load off the workers that run them; only workers beyond
 * all tasks are certain to idle.
 */
function taskLimit(connector: KafkaConnector): number {
  return connector.autoscaling?.maxTasks ?? connector.tasksMax ?? 1;
}

/**
 * `text` matched literally in a PromQL regex (RE2, fully anchored) inside a double-quoted PromQL
 * string, where a backslash is written twice.
 */
function promRegexLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, m => `\\\\${m}`).replace(/"/g, '\\"');
}
