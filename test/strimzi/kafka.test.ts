import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { KafkaAuthorization, KafkaListenerAuthentication, KafkaListenerType, KafkaNodeRole, KafkaStorage } from '../../src';
import { STRIMZI_VERSIONS } from '../fixtures';
import { find, kafka, platform, synth, THREE_BY_THREE } from './setup';

describe.each(STRIMZI_VERSIONS)('Kafka on Strimzi %s', (version) => {
  const k = kafka({}, version);
  const objects = synth(k);
  const cluster = find(objects, 'Kafka');
  const minor = Number(version.split('.')[1]);
  const v1 = version.startsWith('1.') || minor >= 49;

  test(`uses kafka.strimzi.io/${v1 ? 'v1' : 'v1beta2'} for every resource`, () => {
    expect(new Set(objects.map(o => o.apiVersion))).toEqual(new Set([`kafka.strimzi.io/${v1 ? 'v1' : 'v1beta2'}`]));
  });

  test('emits the KRaft and node-pool annotations only where the release needs them (0.41-0.47)', () => {
    const needed = version.startsWith('0.') && minor < 48;
    expect(cluster.metadata.annotations).toEqual(needed ? { 'strimzi.io/kraft': 'enabled', 'strimzi.io/node-pools': 'enabled' } : undefined);
  });

  test('runs the release\'s default Kafka version with its metadata version', () => {
    const expected: { [v: string]: [string, string] } = {
      '0.41.0': ['3.7.0', '3.7'],
      '0.43.0': ['3.8.0', '3.8'],
      '0.45.0': ['3.9.0', '3.9'],
      '0.49.1': ['4.1.1', '4.1'],
      '0.51.0': ['4.2.0', '4.2'],
      '1.0.0': ['4.2.0', '4.2'],
      '1.2.0': ['4.3.1', '4.3-IV0'],
    };
    expect([cluster.spec.kafka.version, cluster.spec.kafka.metadataVersion]).toEqual(expected[version]);
  });

  test('labels every node pool with its cluster and puts no replicas or storage on the Kafka', () => {
    for (const pool of objects.filter(o => o.kind === 'KafkaNodePool')) {
      expect(pool.metadata.labels).toEqual({ 'strimzi.io/cluster': 'events' });
    }
    expect(cluster.spec.kafka.replicas).toBeUndefined();
    expect(cluster.spec.kafka.storage).toBeUndefined();
  });
});

describe('Kafka', () => {
  test('an unsupported Kafka version is an error listing the supported ones', () => {
    expect(() => kafka({ kafkaVersion: '4.1.0' })).toThrow(
      '[p-kafka/events] kafkaVersion: "4.1.0" is not supported by Strimzi 1.2.0. Supported: 4.2.0, 4.2.1, 4.3.0, 4.3.1');
  });

  test('an older supported Kafka version gets the metadata version Strimzi pairs with it', () => {
    const k = kafka({ kafkaVersion: '4.2.0' });
    expect(k.metadataVersion).toBe('4.2-IV1');
    expect(find(synth(k), 'Kafka').spec.kafka.metadataVersion).toBe('4.2-IV1');
  });

  test('metadataVersion must not be newer than the Kafka version', () => {
    expect(() => kafka({ kafkaVersion: '4.2.1', metadataVersion: '4.3-IV0' })).toThrow(
      '[p-kafka/events] metadataVersion: "4.3-IV0" is newer than kafkaVersion 4.2.1. The metadata version can be at most 4.2');
    expect(() => kafka({ metadataVersion: 'latest' })).toThrow(
      'metadataVersion: "latest" must look like MAJOR.MINOR or MAJOR.MINOR-IVn (for example 4.2 or 4.2-IV1)');
    expect(kafka({ kafkaVersion: '4.3.1', metadataVersion: '4.2' }).metadataVersion).toBe('4.2');
  });

  test('broker config managed by Strimzi is refused with the keys named', () => {
    expect(() => kafka({ config: { 'listeners': 'PLAINTEXT://:9092', 'ssl.keystore.location': '/x', 'ssl.protocol': 'TLSv1.3', 'log.retention.ms': 1 } })).toThrow(
      '[p-kafka/events] config: ["listeners","ssl.keystore.location"] are managed by Strimzi and cannot be set in the broker config. '
      + 'Use listeners, authorization and node pools instead');
  });

  test('replication defaults follow the broker count; declared config wins', () => {
    const one = platform().addKafka('one', {
      nodePools: [{ name: 'dual', roles: [KafkaNodeRole.CONTROLLER, KafkaNodeRole.BROKER], replicas: 1, storage: KafkaStorage.ephemeral() }],
      listeners: [{ name: 'plain', port: 9092, type: KafkaListenerType.INTERNAL, tls: false }],
      config: { 'min.insync.replicas': 1, 'num.partitions': 4 },
    });
    expect(find(synth(one), 'Kafka').spec.kafka.config).toEqual({
      'default.replication.factor': 1,
      'min.insync.replicas': 1,
      'num.partitions': 4,
      'offsets.topic.replication.factor': 1,
      'transaction.state.log.min.isr': 1,
      'transaction.state.log.replication.factor': 1,
    });
    expect(one.brokerCount).toBe(1);
    expect(one.defaultPartitions).toBe(4);
    expect(kafka().effectiveConfig['min.insync.replicas']).toBe(2);
  });

  test('authorization, entity operators, Cruise Control and rack awareness render as Strimzi expects', () => {
    const k = kafka({
      authorization: KafkaAuthorization.custom({ authorizerClass: 'io.example.Authorizer', supportsAdminApi: true, superUsers: ['User:admin'] }),
      entityOperator: { userOperator: false },
      cruiseControl: {},
      rack: { topologyKey: 'topology.kubernetes.io/zone' },
    });
    const spec = find(synth(k), 'Kafka').spec;
    expect(spec.kafka.authorization).toEqual({ type: 'custom', authorizerClass: 'io.example.Authorizer', superUsers: ['User:admin'], supportsAdminApi: true });
    expect(spec.entityOperator).toEqual({ topicOperator: {} });
    expect(spec.cruiseControl).toEqual({});
    expect(spec.kafka.rack).toEqual({ topologyKey: 'topology.kubernetes.io/zone' });
    expect(find(synth(kafka({ entityOperator: { topicOperator: false, userOperator: false } })), 'Kafka').spec.entityOperator).toBeUndefined();
  });

  test('a namespace the operator does not watch is an error', () => {
    expect(() => platform().addKafka('events', { ...THREE_BY_THREE, namespace: 'apps' })).toThrow(
      '[p-kafka/events] namespace: "apps" is not watched by the Strimzi operator (watchNamespaces: ["kafka"]). Add it to the platform\'s watchNamespaces');
    const k = platform(undefined, { watchNamespaces: ['kafka', 'apps'] }).addKafka('events', { ...THREE_BY_THREE, namespace: 'apps' });
    expect(synth(k).every(o => o.metadata.namespace === 'apps')).toBe(true);
    expect(() => platform(undefined, { watchNamespaces: ['*'] }).addKafka('events', { ...THREE_BY_THREE, namespace: 'anything' })).not.toThrow();
  });

  test('a cluster name Strimzi cannot derive Service names from is an error', () => {
    expect(() => platform().addKafka('1events', THREE_BY_THREE)).toThrow(
      '[p-kafka/1events] name: "1events" must be a lowercase RFC 1035 label (letters, digits and \'-\', starting with a letter) of at most 47 characters, '
      + 'because Strimzi names Services <name>-kafka-bootstrap (at most 63 characters)');
    expect(() => platform().addKafka('events', { ...THREE_BY_THREE, name: 'e'.repeat(48) })).toThrow(/name: "e{48}" must be a lowercase RFC 1035 label/);
  });

  describe('listeners', () => {
    test.each([
      [{ name: 'Plain', port: 9092, type: KafkaListenerType.INTERNAL, tls: false }, 'listeners[].name: "Plain" must be 1-11 lowercase letters and digits (Kafka CRD pattern ^[a-z0-9]{1,11}$)'],
      [{ name: 'plain', port: 9192, type: KafkaListenerType.INTERNAL, tls: false }, 'listeners[plain].name: "plain" is used by another listener of this cluster'],
      [{ name: 'other', port: 9093, type: KafkaListenerType.INTERNAL, tls: false }, 'listeners[other].port: 9093 is already used by listener "tls". Each listener needs its own port'],
      [{ name: 'metrics', port: 9404, type: KafkaListenerType.INTERNAL, tls: false }, 'listeners[metrics].port: 9404 must be an integer >= 9092 other than 9404 and 9999 (used by Prometheus and JMX)'],
      [{ name: 'low', port: 8080, type: KafkaListenerType.INTERNAL, tls: false }, 'listeners[low].port: 8080 must be an integer >= 9092'],
      [{ name: 'route', port: 9095, type: KafkaListenerType.ROUTE, tls: false }, 'listeners[route].tls: false must be true for route listeners, which pass TLS through'],
      [{ name: 'mtls', port: 9095, type: KafkaListenerType.INTERNAL, tls: false, authentication: KafkaListenerAuthentication.tls() }, 'listeners[mtls].authentication: "tls" needs a TLS listener (tls: true)'],
    ])('%j is an error', (listener, message) => {
      expect(() => kafka().addListener(listener)).toThrow(`[p-kafka/events] ${message}`);
    });

    test('tlsroute listeners need Strimzi 1.1.0', () => {
      expect(() => kafka({}, '1.0.0').addListener({ name: 'gw', port: 9095, type: KafkaListenerType.TLSROUTE, tls: true })).toThrow(
        'listeners[gw].type: "tlsroute" needs Strimzi 1.1.0 or later, but the release is 1.0.0');
      expect(() => kafka({}, '1.2.0').addListener({ name: 'gw', port: 9095, type: KafkaListenerType.TLSROUTE, tls: true })).not.toThrow();
    });

    test('a cluster without listeners fails synth', () => {
      const k = platform().addKafka('events', { nodePools: THREE_BY_THREE.nodePools });
      expect(() => synth(k)).toThrow('[p-kafka/events] listeners: [] must have at least one listener. Add one with listeners or addListener()');
    });

    test('bootstrap addresses are fully qualified Service names', () => {
      const k = kafka();
      expect(k.bootstrapServers('tls')).toBe('events-kafka-bootstrap.kafka.svc:9093');
      expect(k.bootstrapServers('scram')).toBe('events-kafka-scram-bootstrap.kafka.svc:9094');
      expect(() => k.bootstrapServers('nope')).toThrow('[p-kafka/events] Kafka "events" has no listener "nope" (listeners: plain, tls, scram)');
    });
  });

  describe('node pools', () => {
    test('a layout without controllers or without brokers fails synth', () => {
      const noController = platform().addKafka('a', { listeners: THREE_BY_THREE.listeners, nodePools: [THREE_BY_THREE.nodePools![1]] });
      expect(() => synth(noController)).toThrow(
        '[p-kafka/a] nodePools: ["brokers:brokerx3"] has no controller nodes; a KRaft cluster needs a controller quorum. '
        + 'Add a pool with KafkaNodeRole.CONTROLLER and replicas >= 1');
      const noBroker = platform().addKafka('b', { listeners: THREE_BY_THREE.listeners, nodePools: [THREE_BY_THREE.nodePools![0]] });
      expect(() => synth(noBroker)).toThrow('[p-kafka/b] nodePools: ["controllers:controllerx3"] has no broker nodes. Add a pool with KafkaNodeRole.BROKER and replicas >= 1');
    });

    test.each([
      [{ replicas: -1 }, 'replicas: -1 must be an integer >= 0'],
      [{ replicas: 1.5 }, 'replicas: 1.5 must be an integer >= 0'],
      [{ roles: [] }, 'roles: [] must be KafkaNodeRole.CONTROLLER, KafkaNodeRole.BROKER or both'],
      [{ roles: [KafkaNodeRole.BROKER, KafkaNodeRole.BROKER] }, 'roles: ["broker","broker"] lists a role twice'],
      [{ name: 'Pool' }, 'name: "Pool" must be a valid Kubernetes name (RFC 1123 label'],
      [{ storage: KafkaStorage.jbod([]) }, 'storage: [] must list at least one JBOD volume'],
      [{ storage: KafkaStorage.jbod([KafkaStorage.jbod([])]) }, 'storage: ["jbod"] must not nest JBOD in JBOD'],
      [{ storage: KafkaStorage.jbod([KafkaStorage.ephemeral({ kraftMetadata: true }), KafkaStorage.ephemeral({ kraftMetadata: true })]) }, 'storage: ["shared","shared"] may mark at most one JBOD volume for KRaft metadata'],
      [{ jvmOptions: { heapMax: Size.kibibytes(1536) } }, 'jvmOptions.heapMax: "1536KiB" must be a whole number of mebibytes'],
    ])('pool option %j is an error', (change, message) => {
      const k = kafka();
      expect(() => k.addNodePool({ name: 'extra', roles: [KafkaNodeRole.BROKER], replicas: 1, storage: KafkaStorage.ephemeral(), ...change }))
        .toThrow(message);
    });

    // Kubernetes refuses a PVC that requests 0 bytes (pkg/apis/core/validation/validation.go,
    // ValidatePersistentVolumeClaimSpec: ValidatePositiveQuantityValue); the library used to emit size: "0".
    test.each([
      [KafkaStorage.persistentClaim({ size: Size.gibibytes(0) }), 'storage.size: "0KiB" must be a positive, finite size (at least 1 byte). For example Size.gibibytes(100)'],
      [KafkaStorage.persistentClaim({ size: Size.gibibytes(NaN) }), 'storage.size: "NaNKiB" must be a positive, finite size (at least 1 byte). For example Size.gibibytes(100)'],
      [KafkaStorage.persistentClaim({ size: Size.gibibytes(Infinity) }), 'storage.size: "InfinityKiB" must be a positive, finite size (at least 1 byte)'],
      [KafkaStorage.persistentClaim({ size: Size.kibibytes(0.0001) }), 'storage.size: "0.0001KiB" must be a positive, finite size (at least 1 byte)'],
      [KafkaStorage.jbod([KafkaStorage.persistentClaim({ size: Size.gibibytes(1) }), KafkaStorage.persistentClaim({ size: Size.tebibytes(0) })]),
        'storage.volumes[1].size: "0KiB" must be a positive, finite size (at least 1 byte)'],
      [KafkaStorage.ephemeral({ sizeLimit: Size.mebibytes(0) }), 'storage.sizeLimit: "0KiB" must be a positive, finite size (at least 1 byte). Leave sizeLimit unset for no limit'],
    ])('storage of no size is an error naming the pool and the field (%#)', (storage, message) => {
      expect(() => kafka().addNodePool({ name: 'extra', roles: [KafkaNodeRole.BROKER], replicas: 1, storage })).toThrow(`[p-kafka/events/pool-extra] ${message}`);
    });

    test('a size of one byte and more is emitted as a quantity', () => {
      const k = kafka();
      k.addNodePool({ name: 'tiny', roles: [KafkaNodeRole.BROKER], replicas: 1, storage: KafkaStorage.persistentClaim({ size: Size.kibibytes(0.5) }) });
      expect(find(synth(k), 'KafkaNodePool', 'tiny').spec.storage).toEqual({ type: 'persistent-claim', size: '512' });
    });

    test('two pools with one name are an error', () => {
      expect(() => kafka().addNodePool({ ...THREE_BY_THREE.nodePools![1] })).toThrow('[p-kafka/events] nodePools[].name: "brokers" is used by another node pool of this cluster');
    });

    test('pool pods names longer than a label value are an error', () => {
      const k = platform().addKafka('a'.repeat(40), {});
      expect(() => k.addNodePool({ name: 'b'.repeat(20), roles: [KafkaNodeRole.BROKER], replicas: 1, storage: KafkaStorage.ephemeral() }))
        .toThrow(/makes node pod names too long: a{40}-b{20}-NNNNN has 67 characters, at most 63 fit. Shorten the pool or cluster name/);
    });

    test('storage, resources and JVM options render in Strimzi\'s shape', () => {
      const k = kafka();
      k.addNodePool({
        name: 'big',
        roles: [KafkaNodeRole.BROKER],
        replicas: 2,
        storage: KafkaStorage.jbod([KafkaStorage.persistentClaim({ size: Size.tebibytes(1), storageClass: 'ssd', deleteClaim: false }), KafkaStorage.ephemeral({ sizeLimit: Size.mebibytes(512) })]),
        resources: { cpu: { request: kplus.Cpu.millis(1500) }, memory: { limit: Size.gibibytes(8) } },
        jvmOptions: { heapMin: Size.mebibytes(1536), heapMax: Size.gibibytes(6), xx: { UseG1GC: 'true' }, systemProperties: { a: 'b' }, gcLogging: true },
      });
      expect(find(synth(k), 'KafkaNodePool', 'big').spec).toEqual({
        replicas: 2,
        roles: ['broker'],
        storage: {
          type: 'jbod',
          volumes: [
            { id: 0, type: 'persistent-claim', size: '1Ti', class: 'ssd', deleteClaim: false },
            { id: 1, type: 'ephemeral', sizeLimit: '512Mi' },
          ],
        },
        resources: { requests: { cpu: '1500m' }, limits: { memory: '8Gi' } },
        jvmOptions: { '-Xms': '1536m', '-Xmx': '6g', '-XX': { UseG1GC: 'true' }, 'javaSystemProperties': [{ name: 'a', value: 'b' }], 'gcLoggingEnabled': true },
      });
      expect(k.brokerCount).toBe(5);
    });
  });

  test('the cluster (snapshot)', () => {
    expect(find(synth(kafka({ authorization: KafkaAuthorization.simple() })), 'Kafka')).toMatchSnapshot();
  });
});
