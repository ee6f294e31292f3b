import { Testing } from 'cdk8s';
import { KafkaAuthorization, KafkaPlatform, ScaleTarget } from '../src';
import { autoscaling, kedaKafka, kedaPlatform, one } from './autoscaling/setup';
import { THREE_BY_THREE } from './strimzi/setup';
import { idPart, joinedId } from '../src/common/construct-ids';

// Issue 11: construct ids the library made by joining names with '-' collided (namespace `b-c` with
// connector `a` against namespace `b` with connector `c-a`), and the constructs library's own error
// ("There is already a Construct with name 'b-c-a-tasks'") fired before any check of ours.

describe('generated ids', () => {
  test('names without a dash keep their readable id; dashes are doubled, other text escaped', () => {
    expect(joinedId('kafka', 'orders', 'tasks')).toBe('kafka-orders-tasks');
    expect(joinedId('b-c', 'a', 'tasks')).toBe('b--c-a-tasks');
    expect(joinedId('b', 'c-a', 'tasks')).toBe('b-c--a-tasks');
    expect(idPart('a/b')).toBe('a_2fb');
    expect(idPart('a-b')).toBe('a--b');
    expect(idPart('')).toBe('_');
    expect(idPart('-x')).toBe('_2dx');
  });

  test('different part lists never give one id', () => {
    const parts = ['a', 'b', 'a-b', 'b-a', 'a--b', '-', '', '_', 'a/b', 'a_2fb', 'A', 'a.b', 'x-', '-x'];
    const seen = new Map<string, string>();
    for (const x of parts) {
      for (const y of parts) {
        for (const list of [[x], [x, y], [x, y, 'tasks']]) {
          const id = joinedId(...list);
          const key = JSON.stringify(list);
          expect(seen.get(id) ?? key).toBe(key);
          seen.set(id, key);
        }
      }
    }
  });
});

function twoNamespaces() {
  const platform = kedaPlatform({ watchNamespaces: ['kafka', 'b', 'b-c'] });
  const inB = platform.addKafka('in-b', { ...THREE_BY_THREE, name: 'events', namespace: 'b' });
  const inBC = platform.addKafka('in-bc', { ...THREE_BY_THREE, name: 'events', namespace: 'b-c' });
  return { platform, inB, inBC };
}

describe('the autoscaling of namesakes in different namespaces', () => {
  test('connector c-a in namespace b and connector a in namespace b-c both get their ScaledObject', () => {
    const { platform, inB, inBC } = twoNamespaces();
    inB.addConnect('c', { listener: 'plain' }).addConnector('c-a', { className: 'io.example.Sink', topics: ['t'], autoscaling: { maxTasks: 2 } });
    inBC.addConnect('c', { listener: 'plain' }).addConnector('a', { className: 'io.example.Sink', topics: ['t'], autoscaling: { maxTasks: 2 } });
    const scaled = autoscaling(platform).filter(o => o.kind === 'ScaledObject').map(o => `${o.metadata.namespace}/${o.metadata.name}`);
    expect(scaled).toEqual(['b/c-a-tasks', 'b-c/a-tasks']);
  });

  test('Connect clusters c-c in namespace b and c in namespace b-c both get their workers\' ScaledObject', () => {
    const { platform, inB, inBC } = twoNamespaces();
    for (const [kafka, name] of [[inB, 'c-c'], [inBC, 'c']] as const) {
      kafka.addConnect(name, { listener: 'plain', replicas: 1, autoscaling: { maxReplicas: 1 } })
        .addConnector('x', { className: 'io.example.Sink', topics: ['t'] });
    }
    const scaled = autoscaling(platform).filter(o => o.kind === 'ScaledObject').map(o => `${o.metadata.namespace}/${o.metadata.name}`);
    expect(scaled).toEqual(['b/c-c-workers', 'b-c/c-workers']);
  });

  test('credentialsRevision a/b and a-b are two revisions', () => {
    const kafka = kedaKafka();
    const connect = kafka.addConnect('c', { listener: 'tls' });
    connect.addConnector('x', { className: 'io.example.Sink', topics: ['t'], autoscaling: { maxTasks: 2, credentialsRevision: 'a/b' } });
    connect.addConnector('y', { className: 'io.example.Sink', topics: ['t'], autoscaling: { maxTasks: 2, credentialsRevision: 'a-b' } });
    const objects = autoscaling(KafkaPlatform.of(kafka));
    expect(objects.filter(o => o.kind === 'TriggerAuthentication')).toHaveLength(2);
    const refs = ['x-tasks', 'y-tasks'].map(n => one(objects, 'ScaledObject', n).spec.triggers[0].authenticationRef.name);
    expect(new Set(refs).size).toBe(2);
  });

  test('the operator\'s RoleBindings for namespaces watched-apps and apps', () => {
    const platform = kedaPlatform({ watchNamespaces: ['kafka', 'watched-apps', 'apps'] });
    const bindings = Testing.synth(platform.operatorStage).filter(o => o.kind === 'RoleBinding').map(o => `${o.metadata.namespace}/${o.metadata.name}`);
    expect(bindings).toEqual(expect.arrayContaining([
      'watched-apps/strimzi-cluster-operator', 'apps/strimzi-cluster-operator-watched', 'watched-apps/strimzi-cluster-operator-watched',
    ]));
  });
});

describe('real duplicates get our own error, naming both', () => {
  test('two autoscaled connectors of one name in one namespace', () => {
    const kafka = kedaKafka();
    kafka.addConnect('c1', { listener: 'plain' }).addConnector('x', { className: 'io.example.Sink', topics: ['t'], autoscaling: { maxTasks: 2 } });
    expect(() => kafka.addConnect('c2', { listener: 'plain' }).addConnector('x', { className: 'io.example.Sink', topics: ['t'], autoscaling: { maxTasks: 2 } }))
      .toThrow('[p-autoscaling] id: "kafka-x-tasks" is wanted by the autoscaling of KafkaConnector p-kafka/events/c2/x, but is already the id of the '
        + 'KafkaConnectorAutoscaling p-autoscaling/kafka-x-tasks (created by the library: the autoscaling of KafkaConnector p-kafka/events/c1/x); '
        + 'the children of a construct need different ids. Give one of them another id');
  });

  test('a user whose id is keda-<listener> (was: There is already a Construct with name \'keda-tls\' in Kafka)', () => {
    const kafka = kedaKafka({ authorization: KafkaAuthorization.simple() });
    kafka.addUser('keda-tls');
    expect(() => kafka.addConnect('c', { listener: 'tls' }).addConnector('x', { className: 'io.example.Sink', topics: ['t'], autoscaling: { maxTasks: 2 } }))
      .toThrow('[p-kafka/events] id: "keda-tls" is wanted by the KafkaUser KEDA reads consumer lag with through listener tls, '
        + 'but is already the id of the KafkaUser p-kafka/events/keda-tls');
    const other = kedaKafka({ authorization: KafkaAuthorization.simple() });
    other.addConnect('c', { listener: 'tls' }).addConnector('x', { className: 'io.example.Sink', topics: ['t'], autoscaling: { maxTasks: 2 } });
    expect(() => other.addUser('keda-tls')).toThrow('[p-kafka/events] id: "keda-tls" is wanted by a new KafkaUser, but is already the id of the KafkaUser '
      + 'p-kafka/events/keda-tls (created by the library: the KafkaUser KEDA reads consumer lag with through listener tls)');
  });

  test('a topic and a user of one id', () => {
    const kafka = kedaKafka();
    kafka.addTopic('orders');
    expect(() => kafka.addUser('orders')).toThrow('[p-kafka/events] id: "orders" is wanted by a new KafkaUser, but is already the id of the KafkaTopic p-kafka/events/orders');
  });

  test('a consumer autoscaling whose ScaledObject has the name of a connector\'s', () => {
    const kafka = kedaKafka();
    kafka.addConnect('c', { listener: 'plain' }).addConnector('x', { className: 'io.example.Sink', topics: ['t'], autoscaling: { maxTasks: 2 } });
    const platform = KafkaPlatform.of(kafka);
    platform.addConsumerAutoscaling('consumer', {
      target: ScaleTarget.of({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'app', namespace: 'kafka' }),
      kafka,
      consumerGroup: 'g',
      maxReplicas: 2,
      name: 'x-tasks',
    });
    expect(() => autoscaling(platform)).toThrow('[p-autoscaling/consumer/Resource] name: "x-tasks" is also the name of the ScaledObject '
      + 'p-autoscaling/kafka-x-tasks/Resource in namespace kafka. Give one of them another name');
  });

  test('bad ids and scopes', () => {
    const kafka = kedaKafka();
    expect(() => kafka.addTopic('')).toThrow('[p-kafka/events] id: "" of a new KafkaTopic must be a non-empty string');
    expect(() => kafka.addTopic(42 as any)).toThrow('[p-kafka/events] id: 42 of a new KafkaTopic must be a non-empty string, not a number');
    expect(() => new KafkaPlatform(null as any, 'p', {} as any)).toThrow('[KafkaPlatform] scope: null must be a construct, not null');
  });
});

describe('ids given at the root of the app', () => {
  // Found by the property tests (test/property): the App has the path '', and the message began with `[]`.
  test('name the App instead of an empty path', () => {
    expect(() => new KafkaPlatform(Testing.app(), {} as any, { namespace: 'kafka', strimzi: kedaPlatform().strimzi })).toThrow(
      '[App] id: {} of a new KafkaPlatform must be a non-empty string, not a plain object');
  });
});
