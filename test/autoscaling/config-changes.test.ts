import { Chart, Testing, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { autoscaling, kedaKafka, one } from './setup';
import { KafkaListenerAuthentication, KafkaListenerType, KafkaPlatform } from '../../src';

// keda#5915, keda#7906: KEDA rebuilds a scaler only when the ScaledObject's spec (its generation)
// changes; annotation, env or Secret changes are not seen. So every connection setting is a literal
// in the spec, and credentials are referenced through a TriggerAuthentication whose name carries a
// hash of its content and the credentialsRevision.
interface Declaration {
  readonly port?: number;
  readonly revision?: string;
  readonly lagThreshold?: number;
  readonly listener?: string;
}

function declare(d: Declaration = {}): KafkaPlatform {
  const k = kedaKafka({
    listeners: [
      { name: 'tls', port: d.port ?? 9093, type: KafkaListenerType.INTERNAL, tls: true },
      { name: 'scram', port: 9094, type: KafkaListenerType.INTERNAL, tls: true, authentication: KafkaListenerAuthentication.scramSha512() },
    ],
  });
  const orders = k.addTopic('orders', { partitions: 12 });
  const apps = new Chart(KafkaPlatform.of(k).node.scope!, 'apps', { namespace: 'kafka' });
  const deployment = new kplus.Deployment(apps, 'd', { metadata: { name: 'd' }, containers: [{ image: 'x', securityContext: { user: 1000 } }] });
  KafkaPlatform.of(k).addConsumerAutoscaling('d', {
    deployment,
    topics: [orders],
    consumerGroup: 'g',
    maxReplicas: 12,
    listener: d.listener ?? 'scram',
    credentialsRevision: d.revision,
    lagThreshold: d.lagThreshold,
  });
  return KafkaPlatform.of(k);
}

function spec(platform: KafkaPlatform): any {
  return one(autoscaling(platform), 'ScaledObject').spec;
}

describe('config changes reach KEDA (keda#5915)', () => {
  test('an unchanged declaration gives byte-identical output', () => {
    expect(Yaml.stringify(...autoscaling(declare()))).toBe(Yaml.stringify(...autoscaling(declare())));
  });

  test('a new credentialsRevision renames the TriggerAuthentication, so the ScaledObject spec changes', () => {
    const before = spec(declare());
    const after = spec(declare({ revision: '2026-11' }));
    expect(after.triggers[0].authenticationRef.name).not.toBe(before.triggers[0].authenticationRef.name);
    expect(after.triggers[0].authenticationRef.name).toMatch(/^events-scram-keda-[0-9a-f]{8}$/);
  });

  test('a changed listener port changes the bootstrap address in the spec', () => {
    const before = spec(declare({ listener: 'tls' }));
    const after = spec(declare({ listener: 'tls', port: 9095 }));
    expect([before.triggers[0].metadata.bootstrapServers, after.triggers[0].metadata.bootstrapServers])
      .toEqual(['events-kafka-bootstrap.kafka.svc:9093', 'events-kafka-bootstrap.kafka.svc:9095']);
  });

  test('moving to another listener changes the credentials reference and the TLS/SASL settings', () => {
    const scram = spec(declare());
    const tls = spec(declare({ listener: 'tls' }));
    expect(scram.triggers[0].metadata.sasl).toBe('scram_sha512');
    expect(tls.triggers[0].metadata.sasl).toBeUndefined();
    expect(tls.triggers[0].authenticationRef.name).not.toBe(scram.triggers[0].authenticationRef.name);
  });

  test('a changed threshold changes the spec, and nothing is ever read from the environment', () => {
    const a = spec(declare({ lagThreshold: 10 }));
    const b = spec(declare({ lagThreshold: 20 }));
    expect([a.triggers[0].metadata.lagThreshold, b.triggers[0].metadata.lagThreshold]).toEqual(['10', '20']);
    expect(Object.keys(a.triggers[0].metadata).filter(key => key.endsWith('FromEnv'))).toEqual([]);
  });

  test('no secret value is written: only references to Secrets, and no Secret objects', () => {
    const platform = declare();
    const all = [...Testing.synth(platform.kafkaStage!), ...autoscaling(platform)];
    expect(all.map(o => o.kind)).not.toContain('Secret');
    const auth = one(autoscaling(platform), 'TriggerAuthentication');
    expect(Object.keys(auth.spec).sort()).toEqual(['configMapTargetRef', 'secretTargetRef']);
    expect(auth.spec.secretTargetRef.every((r: any) => Object.keys(r).sort().join() === 'key,name,parameter')).toBe(true);
  });
});
