import { Construct, IConstruct } from 'constructs';
import { KafkaOffsetResetPolicy } from '../autoscaling-options/kafka-lag';
import { KafkaLagScalingOptions } from '../autoscaling-options/lag-scaling';
import { IScalerTrigger } from '../autoscaling-options/scaler-trigger';
import { fieldError, fieldMessage } from '../common/field-errors';
import { shownOptions } from '../common/shown-options';
import { Version } from '../common/version';
import { KafkaSaslMechanism } from '../keda/kafka-trigger';
import { KedaRelease } from '../keda/release';
import { ScaleTarget } from '../keda/scale-target';
import { ScaledObject } from '../keda/scaled-object';
import { ITriggerAuthentication } from '../keda/trigger-authentication-props';
import { ScalerTrigger } from '../keda/triggers';
import type { KafkaConnector } from '../strimzi/connector';
import type { Kafka } from '../strimzi/kafka';
import { KafkaListener } from '../strimzi/listener';

// How the library builds lag-scaled ScaledObjects and their kafka triggers, and checks them against
// partitions (internal).

/** What a lag trigger reads: a group's lag on some topics of one Kafka cluster, through a listener. */
export interface LagSource {
  readonly kafka: Kafka;
  readonly listener: KafkaListener;
  readonly consumerGroup: string;
  /** Topic names; empty for "every topic the group has offsets for". */
  readonly topics: string[];
}

/**
 * The KEDA release, or an error saying how to declare it, naming the option that asked for autoscaling
 * (`field`, set to `options` on `scope`).
 */
export function kedaOf(scope: IConstruct, keda: KedaRelease | undefined, field: string, options: object): KedaRelease {
  if (!keda) {
    throw fieldError(scope, field, shownOptions(options), 'needs the KEDA release the cluster runs',
      'Set keda: KedaRelease.of(\'2.20.2\') (your version) on the KafkaPlatform');
  }
  return keda;
}

/** What a lag-scaled ScaledObject scales, and between which bounds. */
export interface LagScaledTarget {
  readonly name: string;
  readonly namespace: string;
  readonly target: ScaleTarget;
  readonly minReplicas: number;
  readonly maxReplicas: number;
}

/** The ScaledObject of a lag-scaled target, with the settings and extra triggers of its options; the lag triggers follow. */
export function lagScaledObject(scope: Construct, release: KedaRelease, target: LagScaledTarget, options: KafkaLagScalingOptions): ScaledObject {
  return new ScaledObject(scope, 'Resource', {
    release,
    ...target,
    pollingInterval: options.pollingInterval,
    cooldownPeriod: options.cooldownPeriod,
    initialCooldownPeriod: options.initialCooldownPeriod,
    fallback: options.fallback,
    advanced: options.behavior ? { behavior: options.behavior } : undefined,
    triggers: scalerTriggers(scope, options.triggers),
  });
}

/**
 * Refuses cooldownPeriod / initialCooldownPeriod where they cannot take effect, naming the option as
 * the user gave it (`prefix` is `autoscaling.` for options of a Strimzi resource). KEDA waits them only
 * before scaling to 0 or to idleReplicaCount, and the lag-scaled targets have no idle count, so they
 * apply only with a minimum of 0 (kedacore/keda pkg/scaling/executor/scale_scaledobjects.go).
 * `never` explains why a target can never have a minimum of 0.
 */
export function checkCooldowns(scope: IConstruct, prefix: string, minimum: { field: string; value: number }, options: KafkaLagScalingOptions,
  never?: string): void {
  if (minimum.value === 0) {
    return;
  }
  for (const field of ['cooldownPeriod', 'initialCooldownPeriod'] as const) {
    const value = options[field];
    if (value !== undefined) {
      throw fieldError(scope, `${prefix}${field}`, `${value.toSeconds({ integral: false })}s`,
        `${never ?? `has no effect with ${prefix}${minimum.field} ${minimum.value}`}: KEDA waits it only before scaling to 0 or to idleReplicas, `
        + 'and the HPA does every other scale-in (kedacore/keda pkg/scaling/executor/scale_scaledobjects.go)',
        `Slow down scale-in with ${prefix}behavior.scaleDown (stabilizationWindow, policies)${never ? '' : `, or set ${prefix}${minimum.field}: 0`}`);
    }
  }
}

// The options are data that Strimzi resources carry without knowing KEDA, so they type extra triggers
// by an interface; only ScalerTrigger implements it.
function scalerTriggers(scope: IConstruct, triggers: IScalerTrigger[] | undefined): ScalerTrigger[] | undefined {
  return triggers?.map((trigger, i) => {
    if (!(trigger instanceof ScalerTrigger)) {
      throw fieldError(scope, `triggers[${i}]`, trigger, 'is not a ScalerTrigger', 'Make triggers with ScalerTrigger.kafka(), ScalerTrigger.prometheus(), ...');
    }
    return trigger;
  });
}

// KEDA's kafka scaler tells Sarama the brokers speak Kafka 1.0.0 unless `version` says otherwise
// (kedacore/keda v2.20.2:pkg/scalers/kafka_scaler.go). Kafka 4.0 removed the client API versions
// released before Kafka 2.1 (KIP-896; apache/kafka 3.9:docs/upgrade.html). This is a margin, not a
// known requirement: by our reading of Sarama the requests KEDA sends with 1.0.0 (Metadata v5,
// OffsetFetch v3, ListOffsets v1, ...) are all still served by Kafka 4, and KEDA's own e2e test runs
// the scaler against Kafka 4.0.0 without `version` (v2.20.2:tests/scalers/kafka/kafka_test.go, over a
// plain listener). We still give 4.x brokers 2.1.0, which never exceeds their version: Sarama then
// picks newer request versions (Metadata v7, OffsetFetch v5, FindCoordinator v2), further from the
// removed ones.
const KAFKA_4_PROTOCOL_VERSION = '2.1.0';

/**
 * The `kafka` trigger for one source, with everything derived: the bootstrap address (FQDN, since
 * KEDA runs in its own namespace), TLS and SASL as the listener wants them, in metadata only.
 */
export function lagTrigger(name: string | undefined, source: LagSource, topic: string | undefined, options: KafkaLagScalingOptions,
  authentication: ITriggerAuthentication | undefined): ScalerTrigger {
  const auth = source.listener.authentication?.type;
  return ScalerTrigger.kafka({
    name,
    bootstrapServers: [source.kafka.bootstrapServers(source.listener.name)],
    consumerGroup: source.consumerGroup,
    topic,
    lagThreshold: options.lagThreshold ?? 10,
    activationLagThreshold: options.activationLagThreshold,
    offsetResetPolicy: options.offsetResetPolicy,
    allowIdleConsumers: options.allowIdleConsumers,
    excludePersistentLag: options.excludePersistentLag,
    scaleToZeroOnInvalidOffset: options.scaleToZeroOnInvalidOffset,
    limitToPartitionsWithLag: options.limitToPartitionsWithLag,
    ensureEvenDistributionOfPartitions: options.ensureEvenDistributionOfPartitions,
    version: Version.tryParse(source.kafka.kafkaVersion)!.major >= 4 ? KAFKA_4_PROTOCOL_VERSION : undefined,
    tls: source.listener.tls || undefined,
    sasl: auth === 'scram-sha-512' ? KafkaSaslMechanism.SCRAM_SHA512 : undefined,
    authentication,
  });
}

/**
 * The offsetResetPolicy of the lag trigger on a sink connector's group: how the connector's consumer
 * starts, so that KEDA counts what the tasks will read. KEDA's default `latest` counts a partition
 * without a committed offset as lag 1, `earliest` as its end offset (kedacore/keda v2.20.2:
 * pkg/scalers/kafka_scaler.go, getLagForPartition), and a sink consumer starts at `earliest` unless
 * its config says otherwise (KafkaConnector._sinkOffsetReset). An explicit option must agree.
 * `prefix` is how the options are reached from `scope`, such as `autoscaling.`.
 */
export function sinkOffsetResetPolicy(scope: IConstruct, prefix: string, connector: KafkaConnector, options: KafkaLagScalingOptions,
  release: KedaRelease): KafkaOffsetResetPolicy {
  const reset = connector._sinkOffsetReset();
  const field = `${prefix}offsetResetPolicy`;
  const follows = Object.values(KafkaOffsetResetPolicy).find(p => p === reset.value);
  const given = options.offsetResetPolicy;
  if (given !== undefined && follows !== undefined && given !== follows) {
    throw fieldError(scope, field, given, `contradicts auto.offset.reset ${reset.value} of the sink consumer of KafkaConnector ${connector.name} (${reset.from}), `
      + 'so KEDA would count partitions without a committed offset differently from how the tasks read them', 'Leave offsetResetPolicy unset: it follows the connector');
  }
  if (given === undefined && follows === undefined) {
    throw fieldError(scope, field, given, `must be set, because the sink consumer of KafkaConnector ${connector.name} has auto.offset.reset `
      + `${JSON.stringify(reset.value)} (${reset.from}), which KEDA's offsetResetPolicy (latest or earliest) cannot follow`,
    'Set offsetResetPolicy to how KEDA should count a partition without a committed offset');
  }
  const policy = given ?? follows!;
  // KEDA 2.14 ignores scaleToZeroOnInvalidOffset with earliest (fixed by keda#5689 in 2.15.0); the
  // trigger's own rule would suggest offsetResetPolicy latest, which contradicts the connector.
  const gate = release._versionRule('kafkaScaleToZeroOnInvalidOffsetEarliest');
  if (policy === KafkaOffsetResetPolicy.EARLIEST && options.scaleToZeroOnInvalidOffset && gate) {
    throw fieldError(scope, `${prefix}scaleToZeroOnInvalidOffset`, true, 'with offsetResetPolicy earliest, which follows the sink consumer of KafkaConnector '
      + `${connector.name} (${reset.from}), ${gate.rule}`, 'Remove it, use KEDA 2.15.0 or later, or set consumer.override.auto.offset.reset: latest in the connector config');
  }
  return policy;
}

/**
 * Partitions behind a trigger, when every topic is declared in the app (else undefined).
 */
export function declaredPartitions(kafka: Kafka, topics: string[]): number | undefined {
  if (topics.length === 0) {
    return undefined;
  }
  let sum = 0;
  for (const name of topics) {
    const topic = kafka.findTopic(name);
    if (!topic) {
      return undefined;
    }
    sum += topic.partitions;
  }
  return sum;
}

/**
 * KEDA caps each lag trigger's metric at partitions x lagThreshold unless allowIdleConsumers is set
 * (kedacore/keda pkg/scalers/kafka_scaler.go, getTotalLag), so a maximum above the partitions can
 * never be reached: more consumers than partitions would idle.
 */
export function partitionCapErrors(field: string, max: number, partitions: number | undefined, what: string,
  options: KafkaLagScalingOptions): string[] {
  if (options.allowIdleConsumers || partitions === undefined || max <= partitions) {
    return [];
  }
  return [fieldMessage(field, max, `exceeds the ${partitions} partition(s) of ${what}; KEDA caps the lag metric at the partition count, `
    + 'and consumers beyond it would idle', `Lower ${field} to ${partitions}, add partitions, or set allowIdleConsumers: true`)];
}
