import { Testing, Yaml } from 'cdk8s';
import { Kafka, KafkaAuthorization, KafkaOptions, KafkaPlatform, KafkaPlatformProps, KedaRelease } from '../../src';
import { NEWEST_STRIMZI, strimziRelease } from '../fixtures';
import { THREE_BY_THREE } from '../strimzi/setup';

/** A platform with KEDA 2.20.2 in a fresh app. */
export function kedaPlatform(props: Partial<KafkaPlatformProps> = {}, strimzi: string = NEWEST_STRIMZI): KafkaPlatform {
  return new KafkaPlatform(Testing.app(), 'p', {
    namespace: 'kafka',
    strimzi: strimziRelease(strimzi),
    keda: KedaRelease.of('2.20.2'),
    watchNamespaces: ['kafka', 'apps'],
    ...props,
  });
}

/** A 3x3 cluster with plain, tls (mTLS) and scram listeners and simple authorization. */
export function kedaKafka(options: KafkaOptions = {}, props: Partial<KafkaPlatformProps> = {}, strimzi?: string): Kafka {
  return kedaPlatform(props, strimzi).addKafka('events', { ...THREE_BY_THREE, authorization: KafkaAuthorization.simple(), ...options });
}

/** The synthesized autoscaling stage. */
export function autoscaling(platform: KafkaPlatform): any[] {
  return Testing.synth(platform.autoscalingStage!);
}

/** The synthesized Kafka stage. */
export function resources(platform: KafkaPlatform): any[] {
  return Testing.synth(platform.kafkaStage!);
}

/** Everything the app writes, as YAML text (what a reviewer sees in the GitOps repository). */
export function allYaml(platform: KafkaPlatform): string {
  return Yaml.stringify(...Testing.synth(platform.crdStage), ...Testing.synth(platform.operatorStage),
    ...resources(platform), ...autoscaling(platform));
}

export function one(objects: any[], kind: string, name?: string): any {
  const found = objects.filter(o => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (found.length !== 1) {
    throw new Error(`expected one ${kind} ${name ?? ''}, found ${found.length}: ${objects.map(o => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  }
  return found[0];
}
