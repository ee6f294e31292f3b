import { newChart, renderTrigger, triggerError } from './helpers';
import {
  ClusterTriggerAuthentication, KafkaOffsetResetPolicy, KafkaSaslMechanism, KafkaSaslTokenProvider, KafkaTriggerProps, KedaRelease,
  ScalerTrigger, TriggerAuthentication,
} from '../../src';

const BASE: KafkaTriggerProps = { bootstrapServers: ['events-kafka-bootstrap.kafka.svc:9093'], consumerGroup: 'orders', topic: 'orders' };
const PATH = '[test/so] ';

function kafka(props: Partial<KafkaTriggerProps> = {}): ScalerTrigger {
  return ScalerTrigger.kafka({ ...BASE, ...props });
}

function auth(parameters: string[], release = KedaRelease.V2_20_2): TriggerAuthentication {
  return new TriggerAuthentication(newChart(), 'kafka-auth', {
    release,
    secretTargetRefs: parameters.map(p => ({ parameter: p, name: 'events-user', key: p })),
  });
}

describe('kafka trigger metadata', () => {
  test('every parameter is emitted as a string, as KEDA\'s map[string]string metadata requires', () => {
    const trigger = renderTrigger(kafka({
      bootstrapServers: ['a.kafka.svc:9093', 'b.kafka.svc:9093'],
      lagThreshold: 50,
      activationLagThreshold: 0,
      offsetResetPolicy: KafkaOffsetResetPolicy.EARLIEST,
      allowIdleConsumers: false,
      excludePersistentLag: true,
      scaleToZeroOnInvalidOffset: true,
      ensureEvenDistributionOfPartitions: true,
      partitionLimitation: [0, 1, 4],
      version: '3.9.0',
      tls: true,
      unsafeSsl: false,
      sasl: KafkaSaslMechanism.SCRAM_SHA512,
      authentication: ClusterTriggerAuthentication.fromName('kafka-credentials-v1'),
    }));
    expect(trigger.type).toBe('kafka');
    expect(trigger.metadata).toEqual({
      bootstrapServers: 'a.kafka.svc:9093,b.kafka.svc:9093',
      consumerGroup: 'orders',
      topic: 'orders',
      lagThreshold: '50',
      activationLagThreshold: '0',
      offsetResetPolicy: 'earliest',
      allowIdleConsumers: 'false',
      excludePersistentLag: 'true',
      scaleToZeroOnInvalidOffset: 'true',
      ensureEvenDistributionOfPartitions: 'true',
      partitionLimitation: '0,1,4',
      version: '3.9.0',
      tls: 'enable',
      unsafeSsl: 'false',
      sasl: 'scram_sha512',
    });
    expect(trigger.authenticationRef).toEqual({ kind: 'ClusterTriggerAuthentication', name: 'kafka-credentials-v1' });
    expect(ScalerTrigger.kafka({ ...BASE, lagThreshold: 5 }).metadata).toEqual({ bootstrapServers: BASE.bootstrapServers[0], consumerGroup: 'orders', topic: 'orders', lagThreshold: '5' });
  });

  test('only what is set is emitted, and never a ...FromEnv parameter', () => {
    expect(renderTrigger(kafka()).metadata).toEqual({ bootstrapServers: 'events-kafka-bootstrap.kafka.svc:9093', consumerGroup: 'orders', topic: 'orders' });
  });

  // keda#7070: `sasl: none` fails before 2.18.0, and omitting it means the same on every release.
  test('sasl NONE is never emitted', () => {
    expect(renderTrigger(kafka({ sasl: KafkaSaslMechanism.NONE }), { release: KedaRelease.V2_14_1 }).metadata.sasl).toBeUndefined();
    expect(renderTrigger(kafka({ sasl: KafkaSaslMechanism.NONE })).metadata.sasl).toBeUndefined();
  });

  test('tls false is emitted as disable', () => {
    expect(renderTrigger(kafka({ tls: false })).metadata.tls).toBe('disable');
  });
});

describe('kafka trigger rules', () => {
  test('allowIdleConsumers and limitToPartitionsWithLag exclude each other', () => {
    expect(triggerError(kafka({ allowIdleConsumers: true, limitToPartitionsWithLag: true }))).toBe(`${PATH}triggers[0].limitToPartitionsWithLag: `
      + 'true cannot be combined with allowIdleConsumers. allowIdleConsumers lifts the partition cap that limitToPartitionsWithLag narrows; choose one');
  });

  test('limitToPartitionsWithLag and ensureEvenDistributionOfPartitions exclude each other', () => {
    expect(triggerError(kafka({ limitToPartitionsWithLag: true, ensureEvenDistributionOfPartitions: true }))).toBe(
      `${PATH}triggers[0].ensureEvenDistributionOfPartitions: true cannot be combined with limitToPartitionsWithLag. Choose one`);
  });

  test.each(['limitToPartitionsWithLag', 'ensureEvenDistributionOfPartitions'])('%s needs a topic', (flag) => {
    expect(triggerError(kafka({ topic: undefined, [flag]: true }))).toBe(`${PATH}triggers[0].${flag}: true needs topic. Set the topic the consumer group reads`);
  });

  test('partitionLimitation needs a topic (KEDA ignores it without one) and partition numbers', () => {
    expect(triggerError(kafka({ topic: undefined, partitionLimitation: [1] }))).toBe(
      `${PATH}triggers[0].partitionLimitation: [1] needs topic. Set the topic the partitions belong to`);
    expect(triggerError(kafka({ partitionLimitation: [-1] }))).toBe(
      `${PATH}triggers[0].partitionLimitation: [-1] must be a non-empty list of partition numbers (integers >= 0)`);
  });

  test('lagThreshold must be > 0 and activationLagThreshold >= 0, both integers', () => {
    expect(triggerError(kafka({ lagThreshold: 0 }))).toBe(`${PATH}triggers[0].lagThreshold: 0 must be an integer > 0`);
    expect(triggerError(kafka({ lagThreshold: 2.5 }))).toBe(`${PATH}triggers[0].lagThreshold: 2.5 must be an integer > 0`);
    expect(triggerError(kafka({ activationLagThreshold: -1 }))).toBe(`${PATH}triggers[0].activationLagThreshold: -1 must be an integer >= 0`);
  });

  test('brokers, consumer group and version are checked', () => {
    expect(triggerError(kafka({ bootstrapServers: [] }))).toBe(`${PATH}triggers[0].bootstrapServers: [] must list at least one broker`);
    expect(triggerError(kafka({ bootstrapServers: ['a:9092,b:9092'] }))).toBe(`${PATH}triggers[0].bootstrapServers[0]: "a:9092,b:9092" is not host:port`);
    expect(triggerError(kafka({ consumerGroup: '' }))).toBe(`${PATH}triggers[0].consumerGroup: "" must be a non-empty string`);
    expect(triggerError(kafka({ version: 'v3' }))).toBe(`${PATH}triggers[0].version: "v3" is not a Kafka version such as "3.9.0"`);
  });

  test('a sasl value that is not one of KEDA\'s spellings is refused', () => {
    expect(triggerError(kafka({ sasl: 'SCRAM-SHA-512' as KafkaSaslMechanism }))).toBe(`${PATH}triggers[0].sasl: "SCRAM-SHA-512" is not one of `
      + '"none", "plaintext", "scram_sha256", "scram_sha512", "oauthbearer", "gssapi"');
  });

  test('all broken rules are reported at once', () => {
    expect(triggerError(kafka({ lagThreshold: 0, consumerGroup: '' })).split('\n')).toEqual([
      `${PATH}triggers[0].consumerGroup: "" must be a non-empty string`,
      `${PATH}triggers[0].lagThreshold: 0 must be an integer > 0`,
    ]);
  });
});

describe('kafka trigger versions', () => {
  // keda#6558
  test('ensureEvenDistributionOfPartitions needs KEDA 2.18.0', () => {
    expect(triggerError(kafka({ ensureEvenDistributionOfPartitions: true }), { release: KedaRelease.V2_17_1 })).toBe(
      `${PATH}triggers[0].ensureEvenDistributionOfPartitions: true needs KEDA 2.18.0 or later (keda#6558), but the release is KEDA 2.17.1. `
      + 'Remove it, or use KEDA 2.18.0 or later');
    expect(renderTrigger(kafka({ ensureEvenDistributionOfPartitions: true }), { release: KedaRelease.V2_18_3 }).metadata.ensureEvenDistributionOfPartitions).toBe('true');
  });

  // keda#5689
  test('scaleToZeroOnInvalidOffset with earliest is ignored by KEDA 2.14', () => {
    const earliest = kafka({ scaleToZeroOnInvalidOffset: true, offsetResetPolicy: KafkaOffsetResetPolicy.EARLIEST });
    expect(triggerError(earliest, { release: KedaRelease.V2_14_1 })).toBe(
      `${PATH}triggers[0].scaleToZeroOnInvalidOffset: true is ignored with offsetResetPolicy earliest on KEDA 2.14.1: honoured since 2.15.0 (keda#5689). `
      + 'Use offsetResetPolicy latest, or KEDA 2.15.0 or later');
    expect(renderTrigger(kafka({ scaleToZeroOnInvalidOffset: true }), { release: KedaRelease.V2_14_1 }).metadata.scaleToZeroOnInvalidOffset).toBe('true');
  });

  // v2.14.0:pkg/scalers/kafka_scaler.go already reads saslTokenProvider and awsRegion (keda PR #5692 is
  // the v2.14.0 tag commit; CHANGELOG v2.14.0: "Support Kafka SASL MSK IAM authentication (#5540)").
  test('saslTokenProvider works from KEDA 2.14, needs sasl oauthbearer, and for MSK IAM tls and awsRegion', () => {
    const msk = { sasl: KafkaSaslMechanism.OAUTHBEARER, saslTokenProvider: KafkaSaslTokenProvider.AWS_MSK_IAM, tls: true, awsRegion: 'eu-west-1' };
    expect(renderTrigger(kafka(msk), { release: KedaRelease.V2_14_1 }).metadata).toMatchObject({ saslTokenProvider: 'aws_msk_iam', awsRegion: 'eu-west-1' });
    expect(renderTrigger(kafka(msk)).metadata).toMatchObject({ sasl: 'oauthbearer', saslTokenProvider: 'aws_msk_iam', tls: 'enable', awsRegion: 'eu-west-1' });
    expect(triggerError(kafka({ ...msk, tls: undefined }))).toBe(`${PATH}triggers[0].saslTokenProvider: "aws_msk_iam" needs tls: true and awsRegion`);
    expect(triggerError(kafka({ saslTokenProvider: KafkaSaslTokenProvider.BEARER }))).toBe(
      `${PATH}triggers[0].saslTokenProvider: "bearer" is only used with sasl oauthbearer. Set sasl: KafkaSaslMechanism.OAUTHBEARER or remove it`);
  });

  // keda#6189
  test('the kerberosDisableFAST authentication parameter needs KEDA 2.16.0', () => {
    const release = KedaRelease.V2_15_1;
    const trigger = kafka({ sasl: KafkaSaslMechanism.GSSAPI, authentication: auth(['keytab', 'realm', 'kerberosDisableFAST'], release) });
    expect(triggerError(trigger, { release })).toBe(`${PATH}triggers[0].authentication: "kerberosDisableFAST" needs KEDA 2.16.0 or later (keda#6189), `
      + 'but the release is KEDA 2.15.1. Remove it, or use KEDA 2.16.0 or later');
  });
});

describe('kafka trigger authentication', () => {
  test('SCRAM needs an authentication with username and password', () => {
    expect(triggerError(kafka({ sasl: KafkaSaslMechanism.SCRAM_SHA512 }))).toBe(`${PATH}triggers[0].sasl: "scram_sha512" needs credentials, but the `
      + 'trigger has no authentication. Set authentication to a TriggerAuthentication that provides them (for SCRAM: username and password)');
    expect(triggerError(kafka({ sasl: KafkaSaslMechanism.SCRAM_SHA512, authentication: auth(['username']) }))).toBe(
      `${PATH}triggers[0].sasl: "scram_sha512" needs the parameters username and password, but the TriggerAuthentication does not provide password`);
  });

  // keda#4689, keda#7528: ≤2.19 rejects tls/sasl in both places, 2.20 silently prefers metadata.
  test('tls and sasl may not come from the TriggerAuthentication: they are set in metadata only', () => {
    expect(triggerError(kafka({ tls: true, authentication: auth(['tls', 'ca']) }))).toBe(`${PATH}triggers[0].authentication: "tls" is provided by the `
      + 'TriggerAuthentication, but this library sets it in the trigger metadata. Remove the tls parameter from the TriggerAuthentication and set '
      + 'tls on the kafka trigger; KEDA 2.19 and older reject it in both places (keda#7528)');
  });

  test('cert and key come together, and TLS material without tls: true is refused', () => {
    expect(triggerError(kafka({ tls: true, authentication: auth(['ca', 'cert']) }))).toBe(
      `${PATH}triggers[0].authentication: "cert" is provided without its partner. KEDA needs cert and key together`);
    expect(triggerError(kafka({ authentication: auth(['ca']) }))).toBe(
      `${PATH}triggers[0].tls: (not set) is not true, so KEDA ignores the TriggerAuthentication's ca. Set tls: true`);
  });

  test('gssapi needs exactly one of keytab and password', () => {
    expect(triggerError(kafka({ sasl: KafkaSaslMechanism.GSSAPI, authentication: auth(['realm']) }))).toBe(
      `${PATH}triggers[0].sasl: "gssapi" needs exactly one of the parameters keytab and password from the TriggerAuthentication`);
  });

  test('a Strimzi SCRAM user over TLS is accepted', () => {
    const trigger = kafka({ tls: true, sasl: KafkaSaslMechanism.SCRAM_SHA512, authentication: auth(['ca', 'username', 'password']) });
    expect(renderTrigger(trigger).authenticationRef.kind).toBe('TriggerAuthentication');
  });
});
