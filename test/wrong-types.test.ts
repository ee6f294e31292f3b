import { Size } from 'cdk8s';
import {
  KafkaAuthorization, KafkaListenerType, KafkaNodeRole, KafkaStorage, KedaRelease, ScalerTrigger, ScaleTarget, StrimziRelease,
} from '../src';
import { kedaKafka, kedaPlatform } from './autoscaling/setup';
import { THREE_BY_THREE } from './strimzi/setup';
import { describeValue } from '../src/common/field-errors';

// Issue 11: values of the wrong JavaScript type (from JavaScript callers, or read from JSON/YAML
// configs) used to end in TypeErrors deep inside the library, or in the error formatter itself.
// Each now ends in our own `[path] field: value rule. hint` error, from one shared checker.

const pool = (over: object) => ({ name: 'a', roles: [KafkaNodeRole.BROKER, KafkaNodeRole.CONTROLLER], replicas: 1, storage: KafkaStorage.ephemeral(), ...over });
const any = (v: unknown) => v as any;

describe('wrong JavaScript types end in our own error', () => {
  test('a plain object where a factory result belongs (was: props.storage?._render is not a function)', () => {
    expect(() => kedaPlatform().addKafka('k', { ...THREE_BY_THREE, nodePools: [pool({ storage: { type: 'ephemeral' } })] })).toThrow(
      '[p-kafka/k] nodePools[0].storage: {"type":"ephemeral"} must be a KafkaStorage, not a plain object. '
      + 'Make it with KafkaStorage.persistentClaim(), .ephemeral() or .jbod()');
  });

  test('topics: \'orders\' (was: topics.filter is not a function)', () => {
    const connect = kedaKafka().addConnect('c', { listener: 'plain' });
    expect(() => connect.addConnector('x', { className: 'io.example.Sink', topics: any('orders') })).toThrow(
      '[p-kafka/events/c/x] topics: "orders" must be an array of a KafkaTopic or a topic name, not a string');
  });

  test('a BigInt (was: Do not know how to serialize a BigInt, in the error formatter)', () => {
    expect(() => kedaPlatform().addKafka('k', { ...THREE_BY_THREE, nodePools: [pool({ replicas: any(3n) })] })).toThrow(
      '[p-kafka/k] nodePools[0].replicas: 3n must be an integer, not a BigInt');
    expect(() => KedaRelease.of(any(2n))).toThrow('[KedaRelease.of] version: 2n must be a string, not a BigInt');
  });

  test('a cyclic object (was: Maximum call stack size exceeded)', () => {
    const config: any = { 'log.retention.hours': 1 };
    config.self = config;
    expect(() => kedaPlatform().addKafka('k', { ...THREE_BY_THREE, config })).toThrow(
      '[p-kafka/k] config.self: "[circular]" refers to an object that contains it (a cycle), which no manifest can hold');
  });

  test('a string for a number, null for an optional field, null options', () => {
    const kafka = kedaKafka();
    expect(() => kafka.addConnect('c', { listener: 'plain', replicas: any('3') })).toThrow('[p-kafka/events/c] replicas: "3" must be an integer, not a string');
    expect(() => kafka.addTopic('t', { partitions: any(null) })).toThrow(
      '[p-kafka/events/t] partitions: null must be an integer, not null. Leave it unset (undefined) instead of null');
    expect(() => kedaPlatform().addKafka('k', any(null))).toThrow('[p] options: null must be an object of options, not null');
  });

  test('a misspelled option is refused rather than dropped', () => {
    expect(() => kedaKafka().addTopic('t', any({ partition: 3 }))).toThrow(
      '[p-kafka/events/t] partition: 3 is not a field of KafkaTopicProps. Its fields: name, topicName, partitions, replicas, config, kafka');
  });

  test('nested options name the whole path', () => {
    const kafka = kedaKafka();
    expect(() => kafka.addConnect('c', { listener: 'plain', autoscaling: { maxReplicas: 3, behavior: { scaleDown: { policies: [any({ type: 'Pods', value: '1' })] } } } }))
      .toThrow('[p-kafka/events/c] autoscaling.behavior.scaleDown.policies[0].period: (not set) is required (HpaScalingPolicy). Set period');
    expect(() => kafka.addListener(any({ name: 'x', port: 9200, type: KafkaListenerType.INTERNAL, tls: 'yes' }))).toThrow(
      '[p-kafka/events] listeners[3].tls: "yes" must be a boolean, not a string');
  });

  test('factories check their own input, named by the factory', () => {
    expect(() => KafkaStorage.persistentClaim(any({ size: 100 }))).toThrow(
      '[KafkaStorage.persistentClaim] options.size: 100 must be a Size, not a number. Make it with Size.gibibytes(), Size.mebibytes(), ... of cdk8s');
    expect(() => KafkaAuthorization.simple(any({ superUsers: 'User:admin' }))).toThrow(
      '[KafkaAuthorization.simple] options.superUsers: "User:admin" must be an array of a string, not a string');
    expect(() => ScaleTarget.of(any(undefined))).toThrow('[ScaleTarget.of] props: (not set) is required');
    expect(() => StrimziRelease.fromDirectory(any(42))).toThrow('[StrimziRelease.fromDirectory] directory: 42 must be a string, not a number');
    expect(() => KafkaStorage.jbod(any([KafkaStorage.ephemeral(), {}]))).toThrow('[KafkaStorage.jbod] volumes[1]: {} must be a KafkaStorage, not a plain object');
  });

  test('a trigger of the wrong shape is reported where it is added, with the other rules of the trigger', () => {
    const kafka = kedaKafka();
    const trigger = ScalerTrigger.prometheus(any({ serverAddress: 'http://p:9090', query: 'up', threshold: '5' }));
    expect(() => kafka.addConnect('c', { listener: 'plain', replicas: 1, autoscaling: { maxReplicas: 1, triggers: [trigger] } })).toThrow(
      '[p-autoscaling/kafka-c-workers/Resource] triggers[0].threshold: "5" must be a finite number, not a string');
    expect(() => ScalerTrigger.kafka(any('x'))).toThrow('[ScalerTrigger.kafka] props: "x" must be an object of options, not a string');
  });

  test('NaN and Infinity are not numbers a manifest can hold', () => {
    expect(() => kedaKafka().addTopic('t', { config: { 'retention.ms': NaN } })).toThrow(
      '[p-kafka/events/t] config["retention.ms"]: NaN must be a finite number (JSON and YAML have no NaN or Infinity)');
    expect(() => KafkaStorage.persistentClaim({ size: Size.gibibytes(1), deleteClaim: any(1) })).toThrow('options.deleteClaim: 1 must be a boolean, not a number');
  });
});

describe('describeValue never throws', () => {
  test.each([
    [10n, '10n'],
    [Symbol('s'), 'Symbol(s)'],
    [() => 1, '[function anonymous]'],
    [Object.create(null), '{}'],
    [[1, 2n], '[1,"2n"]'],
  ])('%p', (value, shown) => {
    expect(describeValue(value)).toBe(shown);
  });

  test('cycles, constructs and deep nesting', () => {
    const cyclic: any = { a: 1 };
    cyclic.self = cyclic;
    expect(describeValue(cyclic)).toBe('{"a":1,"self":"[circular]"}');
    const platform = kedaPlatform();
    expect(describeValue({ platform })).toBe('{"platform":"[KafkaPlatform p]"}');
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) {
      deep = [deep];
    }
    expect(describeValue(deep)).toBe('[object Array]');
  });
});

// Found by the property tests (test/property/hostile-input.test.ts).
describe('objects that look like options or JSON but are not', () => {
  test('a Date or a Map given as options is refused (was: read as empty options)', () => {
    expect(() => kedaKafka().addTopic('t', any(new Date(0)))).toThrow('[p-kafka/events] options: "1970-01-01T00:00:00.000Z" must be an object of options, not a Date');
    expect(() => kedaPlatform().addKafka('k', any(new Map()))).toThrow('[p] options: {} must be an object of options, not a Map');
  });

  test('an object without prototype in config is refused (was: TypeError from cdk8s\'s serializer)', () => {
    expect(() => kedaKafka().addTopic('t', { config: { a: Object.create(null) } })).toThrow(
      '[p-kafka/events/t] config.a: {} is an object without prototype (Object.create(null)), which cdk8s cannot write. Copy it into a plain object: { ...value }');
  });
});

test('a Size of a BigInt amount is refused (was: TypeError: Cannot mix BigInt and other types, in cdk8s\'s conversion)', () => {
  const storage = KafkaStorage.persistentClaim({ size: Size.gibibytes(any(2n ** 70n)) });
  expect(() => kedaPlatform().addKafka('k', { ...THREE_BY_THREE, nodePools: [pool({ storage })] })).toThrow(
    '[p-kafka/k/pool-a] storage.size: {"amount":"1180591620717411303424n","unit":{"label":"gibibytes","inKibiBytes":1048576,"abbr":"Gi"}} '
    + 'has an amount that is not a number. For example Size.gibibytes(100)');
});
