import { Size, Testing } from 'cdk8s';
import {
  Kafka, KafkaListenerAuthentication, KafkaListenerType, KafkaNodeRole, KafkaOptions, KafkaPlatform, KafkaPlatformProps, KafkaStorage,
} from '../../src';
import { NEWEST_STRIMZI, strimziRelease } from '../fixtures';

/** A platform in a fresh app. */
export function platform(version: string = NEWEST_STRIMZI, props: Partial<KafkaPlatformProps> = {}): KafkaPlatform {
  return new KafkaPlatform(Testing.app(), 'p', { namespace: 'kafka', strimzi: strimziRelease(version), ...props });
}

/** 3 controllers, 3 brokers, a plain, a TLS (mTLS) and a SCRAM listener, simple authorization. */
export const THREE_BY_THREE: KafkaOptions = {
  nodePools: [
    { name: 'controllers', roles: [KafkaNodeRole.CONTROLLER], replicas: 3, storage: KafkaStorage.persistentClaim({ size: Size.gibibytes(10) }) },
    { name: 'brokers', roles: [KafkaNodeRole.BROKER], replicas: 3, storage: KafkaStorage.persistentClaim({ size: Size.gibibytes(100) }) },
  ],
  listeners: [
    { name: 'plain', port: 9092, type: KafkaListenerType.INTERNAL, tls: false },
    { name: 'tls', port: 9093, type: KafkaListenerType.INTERNAL, tls: true, authentication: KafkaListenerAuthentication.tls() },
    { name: 'scram', port: 9094, type: KafkaListenerType.CLUSTER_IP, tls: true, authentication: KafkaListenerAuthentication.scramSha512() },
  ],
};

/** A Kafka cluster on a fresh platform. */
export function kafka(options: KafkaOptions = {}, version: string = NEWEST_STRIMZI): Kafka {
  return platform(version).addKafka('events', { ...THREE_BY_THREE, ...options });
}

/** The synthesized Kafka-stage objects of the cluster's platform. */
export function synth(k: Kafka): any[] {
  return Testing.synth(KafkaPlatform.of(k).kafkaStage!);
}

/** The one object of this kind (and name). */
export function find(objects: any[], kind: string, name?: string): any {
  const found = objects.filter(o => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (found.length !== 1) {
    throw new Error(`expected one ${kind} ${name ?? ''}, found ${found.length}`);
  }
  return found[0];
}
