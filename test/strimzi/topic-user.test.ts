import { find, kafka, synth } from './setup';
import { AclEffect, AclOperation, AclPatternType, AclResource, KafkaAuthorization, KafkaUserAuthentication } from '../../src';

describe('KafkaTopic', () => {
  test('is labelled for its cluster and states partitions and replicas explicitly', () => {
    const k = kafka({ config: { 'num.partitions': 6 } });
    const t = k.addTopic('orders', { config: { 'retention.ms': 1000 } });
    expect(find(synth(k), 'KafkaTopic')).toEqual({
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'KafkaTopic',
      metadata: { name: 'orders', namespace: 'kafka', labels: { 'strimzi.io/cluster': 'events' } },
      spec: { partitions: 6, replicas: 3, config: { 'retention.ms': 1000 } },
    });
    expect([t.topicName, t.partitions, t.replicas]).toEqual(['orders', 6, 3]);
  });

  test('topicName carries a Kafka name that is not a valid Kubernetes name', () => {
    const k = kafka();
    k.addTopic('audit', { topicName: 'Audit_Events.v1', partitions: 2, replicas: 2 });
    expect(find(synth(k), 'KafkaTopic').spec).toEqual({ topicName: 'Audit_Events.v1', partitions: 2, replicas: 2 });
  });

  test('an id that is not a Kubernetes name is an error that suggests topicName', () => {
    expect(() => kafka().addTopic('Audit_Events')).toThrow(
      '[p-kafka/events/Audit_Events] name: "Audit_Events" must be a valid Kubernetes object name (RFC 1123 subdomain: lowercase letters, digits, \'-\' and \'.\', '
      + 'starting and ending with a letter or digit, at most 253 characters). To create the Kafka topic "Audit_Events", give a valid name and set topicName: "Audit_Events"');
  });

  test.each([
    [{ partitions: 0 }, 'partitions: 0 must be an integer >= 1'],
    [{ replicas: 0 }, 'replicas: 0 must be an integer from 1 to 32767'],
    [{ topicName: 'bad name' }, 'topicName: "bad name" must be a valid Kafka topic name'],
    [{ topicName: '..' }, 'topicName: ".." must be a valid Kafka topic name'],
  ])('%j is an error', (options, message) => {
    expect(() => kafka().addTopic('t', options)).toThrow(`[p-kafka/events/t] ${message}`);
  });

  test('more replicas than brokers fail synth', () => {
    const k = kafka();
    k.addTopic('wide', { replicas: 4 });
    expect(() => synth(k)).toThrow(
      '[p-kafka/events/wide] replicas: 4 exceeds the 3 broker(s) of Kafka "events"; a topic cannot have more replicas than brokers. Lower replicas or add brokers');
  });

  test('two topics for one Kafka topic fail synth', () => {
    const k = kafka();
    k.addTopic('a', { topicName: 'orders' });
    k.addTopic('orders');
    expect(() => synth(k)).toThrow('[p-kafka/events] topics: KafkaTopics "a" and "orders" both manage the Kafka topic "orders"');
  });

  test('topics need the Topic Operator', () => {
    const k = kafka({ entityOperator: { topicOperator: false } });
    k.addTopic('orders');
    expect(() => synth(k)).toThrow('KafkaTopic "orders" needs the Topic Operator, which is disabled on Kafka "events" (entityOperator.topicOperator)');
  });
});

describe('KafkaUser', () => {
  test('renders authentication, ACLs with operations (plural) and quotas', () => {
    const k = kafka({ authorization: KafkaAuthorization.simple() });
    const u = k.addUser('app', {
      authentication: KafkaUserAuthentication.tls(),
      acls: [
        { resource: AclResource.topic('orders'), operations: [AclOperation.READ, AclOperation.DESCRIBE] },
        { resource: AclResource.group('app-', AclPatternType.PREFIX), operations: [AclOperation.READ], effect: AclEffect.DENY, host: '10.0.0.1' },
        { resource: AclResource.cluster(), operations: [AclOperation.IDEMPOTENT_WRITE] },
      ],
      quotas: { producerByteRate: 1024, controllerMutationRate: 0.5 },
    });
    expect(u.secretName).toBe('app');
    expect(find(synth(k), 'KafkaUser')).toEqual({
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'KafkaUser',
      metadata: { name: 'app', namespace: 'kafka', labels: { 'strimzi.io/cluster': 'events' } },
      spec: {
        authentication: { type: 'tls' },
        authorization: {
          type: 'simple',
          acls: [
            { resource: { type: 'topic', name: 'orders', patternType: 'literal' }, operations: ['Read', 'Describe'] },
            { resource: { type: 'group', name: 'app-', patternType: 'prefix' }, operations: ['Read'], type: 'deny', host: '10.0.0.1' },
            { resource: { type: 'cluster' }, operations: ['IdempotentWrite'] },
          ],
        },
        quotas: { producerByteRate: 1024, controllerMutationRate: 0.5 },
      },
    });
  });

  test('a SCRAM user may take its password from a Secret; the value never appears', () => {
    const k = kafka();
    k.addUser('svc', { authentication: KafkaUserAuthentication.scramSha512({ password: { secretName: 'svc-pw', key: 'pw' } }) });
    expect(find(synth(k), 'KafkaUser').spec.authentication).toEqual({ type: 'scram-sha-512', password: { valueFrom: { secretKeyRef: { name: 'svc-pw', key: 'pw' } } } });
  });

  test('ACLs on a cluster without authorization fail synth', () => {
    const k = kafka();
    k.addUser('app', { acls: [{ resource: AclResource.topic('x'), operations: [AclOperation.READ] }] });
    expect(() => synth(k)).toThrow('[p-kafka/events/app] acls: KafkaUser "app" has ACLs, but Kafka "events" has no authorization. '
      + 'Set authorization: KafkaAuthorization.simple() on the cluster, or drop the ACLs');
  });

  test.each([
    [{ quotas: { requestPercentage: -1 } }, 'quotas.requestPercentage: -1 must be an integer >= 0'],
    [{ quotas: { producerByteRate: 1.5 } }, 'quotas.producerByteRate: 1.5 must be an integer >= 0'],
    [{ acls: [{ resource: AclResource.topic('x'), operations: [] }] }, 'acls[].operations: [] must name at least one operation'],
    [{ name: 'App' }, 'name: "App" must be a valid Kubernetes object name'],
  ])('%j is an error', (options, message) => {
    expect(() => kafka().addUser('u', options)).toThrow(`[p-kafka/events/u] ${message}`);
  });

  test('users need the User Operator', () => {
    const k = kafka({ entityOperator: { userOperator: false } });
    k.addUser('app');
    expect(() => synth(k)).toThrow('KafkaUser "app" needs the User Operator, which is disabled on Kafka "events" (entityOperator.userOperator)');
  });
});
