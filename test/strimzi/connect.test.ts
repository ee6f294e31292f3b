import { ApiObject, JsonPatch } from 'cdk8s';
import { find, kafka, synth, THREE_BY_THREE } from './setup';
import {
  AclOperation, AclResource, ConnectBuildOutput, KafkaAuthorization, KafkaConnectorState, KafkaListenerAuthentication, KafkaListenerType,
  KafkaPlatform, KafkaUserAuthentication, PluginArtifact,
} from '../../src';

describe('KafkaConnect wiring', () => {
  test('through a SCRAM listener: FQDN bootstrap, cluster CA trust, a SCRAM user with the worker ACLs', () => {
    const k = kafka({ authorization: KafkaAuthorization.simple() });
    const connect = k.addConnect('sinks', { listener: 'scram', replicas: 2 });
    const objects = synth(k);
    const spec = find(objects, 'KafkaConnect').spec;
    expect(find(objects, 'KafkaConnect').metadata.annotations).toEqual({ 'strimzi.io/use-connector-resources': 'true' });
    expect(spec).toEqual({
      version: '4.3.1',
      replicas: 2,
      bootstrapServers: 'events-kafka-scram-bootstrap.kafka.svc:9094',
      groupId: 'sinks',
      configStorageTopic: 'sinks-configs',
      offsetStorageTopic: 'sinks-offsets',
      statusStorageTopic: 'sinks-status',
      tls: { trustedCertificates: [{ secretName: 'events-cluster-ca-cert', certificate: 'ca.crt' }] },
      authentication: { type: 'scram-sha-512', username: 'sinks-connect', passwordSecret: { secretName: 'sinks-connect', password: 'password' } },
      config: { 'config.storage.replication.factor': -1, 'offset.storage.replication.factor': -1, 'status.storage.replication.factor': -1 },
    });
    expect(connect.user?.name).toBe('sinks-connect');
    const user = find(objects, 'KafkaUser', 'sinks-connect');
    expect(user.metadata.labels).toEqual({ 'strimzi.io/cluster': 'events' });
    expect(user.spec.authentication).toEqual({ type: 'scram-sha-512' });
    const topicOps = ['Create', 'Describe', 'DescribeConfigs', 'Read', 'Write'];
    expect(user.spec.authorization.acls).toEqual([
      { resource: { type: 'group', name: 'sinks', patternType: 'literal' }, operations: ['Read', 'Describe'] },
      { resource: { type: 'topic', name: 'sinks-configs', patternType: 'literal' }, operations: topicOps },
      { resource: { type: 'topic', name: 'sinks-offsets', patternType: 'literal' }, operations: topicOps },
      { resource: { type: 'topic', name: 'sinks-status', patternType: 'literal' }, operations: topicOps },
    ]);
  });

  test('by default through the first internal TLS listener, with a TLS user', () => {
    const k = kafka();
    const connect = k.addConnect('c');
    const spec = find(synth(k), 'KafkaConnect').spec;
    expect(connect.listener.name).toBe('tls');
    expect(spec.bootstrapServers).toBe('events-kafka-bootstrap.kafka.svc:9093');
    expect(spec.authentication).toEqual({ type: 'tls', certificateAndKey: { secretName: 'c-connect', certificate: 'user.crt', key: 'user.key' } });
    expect(find(synth(k), 'KafkaUser', 'c-connect').spec).toEqual({ authentication: { type: 'tls' } });
  });

  test('a plain listener needs neither trust nor user', () => {
    const k = kafka();
    const connect = k.addConnect('c', { listener: 'plain' });
    const spec = find(synth(k), 'KafkaConnect').spec;
    expect(connect.user).toBeUndefined();
    expect([spec.tls, spec.authentication, spec.bootstrapServers]).toEqual([undefined, undefined, 'events-kafka-bootstrap.kafka.svc:9092']);
  });

  test('sink connectors add ACLs for their topics and consumer group to the generated user', () => {
    const k = kafka({ authorization: KafkaAuthorization.simple() });
    const orders = k.addTopic('orders');
    const connect = k.addConnect('c', { acls: [{ resource: AclResource.topic('out'), operations: [AclOperation.WRITE] }] });
    connect.addConnector('archive', { className: 'io.example.Sink', topics: [orders, 'raw'] });
    connect.addConnector('source', { className: 'io.example.Source' });
    const acls = find(synth(k), 'KafkaUser', 'c-connect').spec.authorization.acls;
    expect(acls.slice(4)).toEqual([
      { resource: { type: 'topic', name: 'out', patternType: 'literal' }, operations: ['Write'] },
      { resource: { type: 'topic', name: 'orders', patternType: 'literal' }, operations: ['Read', 'Describe'] },
      { resource: { type: 'topic', name: 'raw', patternType: 'literal' }, operations: ['Read', 'Describe'] },
      { resource: { type: 'group', name: 'connect-archive', patternType: 'literal' }, operations: ['Read', 'Describe'] },
    ]);
  });

  test('a user of one\'s own must match the listener\'s authentication', () => {
    const k = kafka();
    const scram = k.addUser('mine', { authentication: KafkaUserAuthentication.scramSha512() });
    expect(k.addConnect('a', { listener: 'scram', user: scram }).user).toBe(scram);
    expect(() => k.addConnect('b', { listener: 'tls', user: scram })).toThrow(
      '[p-kafka/events/b] user: "mine" authenticates with scram-sha-512, but listener "tls" expects tls');
    expect(() => k.addConnect('c', { listener: 'plain', user: scram })).toThrow('user: "mine" is not needed: listener "plain" does not authenticate clients');
    const other = KafkaPlatform.of(k).addKafka('other', THREE_BY_THREE).addUser('x', { authentication: KafkaUserAuthentication.tls() });
    expect(() => k.addConnect('d', { user: other })).toThrow('user: "x" belongs to the Kafka cluster p-kafka/other, not to p-kafka/events');
  });

  test('on Strimzi before 0.49 (v1beta2) the group and storage topics go into config', () => {
    const k = kafka({}, '0.45.0');
    k.addConnect('c', { listener: 'plain', groupId: 'g' });
    const spec = find(synth(k), 'KafkaConnect').spec;
    expect(spec.groupId).toBeUndefined();
    expect(spec.config).toEqual({
      'group.id': 'g',
      'config.storage.topic': 'c-configs',
      'offset.storage.topic': 'c-offsets',
      'status.storage.topic': 'c-status',
      'config.storage.replication.factor': -1,
      'offset.storage.replication.factor': -1,
      'status.storage.replication.factor': -1,
    });
  });

  test('config keys Strimzi or the library manage are refused', () => {
    expect(() => kafka().addConnect('c', { config: { 'group.id': 'x', 'sasl.mechanism': 'PLAIN', 'ssl.protocol': 'TLSv1.3', 'bootstrap.servers': 'x:1' } })).toThrow(
      '[p-kafka/events/c] config: ["group.id","sasl.mechanism","bootstrap.servers"] are managed by Strimzi or by this construct and cannot be set in the Connect config. '
      + 'Use the groupId, configStorageTopic, offsetStorageTopic, statusStorageTopic and listener properties');
    // prometheus.metrics.reporter. is forbidden from 0.48 only (CRD description)
    expect(() => kafka({}, '0.45.0').addConnect('c', { listener: 'plain', config: { 'prometheus.metrics.reporter.enabled': true } })).not.toThrow();
    expect(() => kafka().addConnect('c', { config: { 'prometheus.metrics.reporter.enabled': true } })).toThrow(/\["prometheus.metrics.reporter.enabled"\] are managed/);
  });

  test.each([
    [{ listener: 'nope' }, 'listener: "nope" is not a listener of Kafka "events". Listeners: plain, tls, scram'],
    [{ replicas: -1 }, 'replicas: -1 must be an integer >= 0'],
    [{ version: '3.9.0' }, 'version: "3.9.0" is not supported by Strimzi 1.2.0. Supported: 4.2.0, 4.2.1, 4.3.0, 4.3.1'],
    [{ name: 'Sinks' }, 'name: "Sinks" must be a lowercase RFC 1035 label of at most 51 characters'],
  ])('%j is an error', (options, message) => {
    expect(() => kafka().addConnect('c', options)).toThrow(`[p-kafka/events/c] ${message}`);
  });

  test('an external or custom-auth listener cannot be used, and a cluster without internal listeners has no default', () => {
    const k = kafka({
      listeners: [
        ...THREE_BY_THREE.listeners!,
        { name: 'lb', port: 9095, type: KafkaListenerType.LOADBALANCER, tls: true },
        { name: 'oauth', port: 9096, type: KafkaListenerType.INTERNAL, tls: true, authentication: KafkaListenerAuthentication.custom({ sasl: true }) },
      ],
    });
    expect(() => k.addConnect('a', { listener: 'lb' })).toThrow('listener: "lb" is a loadbalancer listener; Connect runs in the cluster and needs an internal or cluster-ip listener');
    expect(() => k.addConnect('b', { listener: 'oauth' })).toThrow('listener: "oauth" uses custom authentication, which this library cannot wire. '
      + 'Choose a listener with tls or scram-sha-512 authentication, or none');
    const external = kafka({ listeners: [{ name: 'lb', port: 9095, type: KafkaListenerType.LOADBALANCER, tls: true }] });
    expect(() => external.addConnect('c')).toThrow('listener: (not set) has no default: Kafka "events" has no internal or cluster-ip listener. Add one to the cluster first');
  });

  test('image build with plugins', () => {
    const k = kafka();
    k.addConnect('c', {
      imageBuild: {
        output: ConnectBuildOutput.docker('registry.example.com/connect:1', { pushSecret: 'push' }),
        plugins: [{ name: 'jdbc', artifacts: [PluginArtifact.maven({ group: 'g', artifact: 'a', version: '1' }), PluginArtifact.jar('https://example.com/x.jar')] }],
      },
    });
    expect(find(synth(k), 'KafkaConnect').spec.build).toEqual({
      output: { type: 'docker', image: 'registry.example.com/connect:1', pushSecret: 'push' },
      plugins: [{ name: 'jdbc', artifacts: [{ type: 'maven', group: 'g', artifact: 'a', version: '1' }, { type: 'jar', url: 'https://example.com/x.jar' }] }],
    });
  });

  test.each([
    [{ output: ConnectBuildOutput.docker(''), plugins: [] }, 'imageBuild.output: "" must name an image'],
    [{ output: ConnectBuildOutput.imageStream('x:1'), plugins: [] }, 'imageBuild.plugins: [] must list at least one plugin'],
    [{ output: ConnectBuildOutput.imageStream('x:1'), plugins: [{ name: 'Bad', artifacts: [] }] }, 'imageBuild.plugins[].name: "Bad" must be lowercase letters'],
    [{ output: ConnectBuildOutput.imageStream('x:1'), plugins: [{ name: 'pl', artifacts: [] }] }, 'imageBuild.plugins[pl].artifacts: [] must list at least one artifact'],
    [{ output: ConnectBuildOutput.imageStream('x:1'), plugins: [{ name: 'pl', artifacts: [PluginArtifact.jar('file:///x.jar')] }] }, 'imageBuild.plugins[pl].artifacts[].url: "file:///x.jar" must be an http, https or ftp URL'],
    [{ output: ConnectBuildOutput.imageStream('x:1'), plugins: [{ name: 'pl', artifacts: [PluginArtifact.zip('https://e.com/x.zip', { sha512sum: 'abc' })] }] }, 'imageBuild.plugins[pl].artifacts[].sha512sum: "abc" must be a SHA-512 digest (128 hex digits)'],
    [{ output: ConnectBuildOutput.imageStream('x:1'), plugins: [{ name: 'pl', artifacts: [PluginArtifact.maven({ group: '', artifact: 'a', version: '1' })] }] }, 'imageBuild.plugins[pl].artifacts[].group: "" is required for Maven artifacts'],
    [{ output: ConnectBuildOutput.imageStream('x:1'), plugins: [{ name: 'pl', artifacts: [PluginArtifact.tgz('https://e.com/a.tgz')] }, { name: 'pl', artifacts: [PluginArtifact.tgz('https://e.com/b.tgz')] }] }, 'imageBuild.plugins: ["pl","pl"] names pl more than once'],
  ])('build %# is an error', (imageBuild, message) => {
    expect(() => kafka().addConnect('c', { imageBuild })).toThrow(message);
  });
});

describe('KafkaConnector', () => {
  test('is labelled for its Connect cluster; topics make it a sink consuming as connect-<name>', () => {
    const k = kafka();
    const orders = k.addTopic('orders');
    const connect = k.addConnect('sinks');
    const c = connect.addConnector('archive', {
      className: 'io.example.S3Sink',
      tasksMax: 3,
      topics: [orders, 'legacy.events'],
      config: { 'flush.size': 100 },
      state: KafkaConnectorState.PAUSED,
      autoRestart: { maxRestarts: 5 },
    });
    expect(find(synth(k), 'KafkaConnector')).toEqual({
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'KafkaConnector',
      metadata: { name: 'archive', namespace: 'kafka', labels: { 'strimzi.io/cluster': 'sinks' } },
      spec: {
        class: 'io.example.S3Sink',
        tasksMax: 3,
        config: { 'flush.size': 100, 'topics': 'orders,legacy.events' },
        state: 'paused',
        autoRestart: { enabled: true, maxRestarts: 5 },
      },
    });
    expect([c.isSink, c.consumerGroup, c.sinkTopics, c.state]).toEqual([true, 'connect-archive', [orders], KafkaConnectorState.PAUSED]);
    expect(connect.connectors).toEqual([c]);
  });

  test('a consumer group override in the config is the connector\'s group', () => {
    const c = kafka().addConnect('c').addConnector('x', { className: 'a.B', topics: ['t'], config: { 'consumer.override.group.id': 'custom' } });
    expect(c.consumerGroup).toBe('custom');
  });

  test.each([
    [{ className: 'io.example.Sink', config: { 'tasks.max': 4 } }, 'config["tasks.max"]: 4 is reserved by Kafka Connect and Strimzi. Use tasksMax instead'],
    [{ className: 'io.example.Sink', config: { 'connector.class': 'x' } }, 'config["connector.class"]: "x" is reserved by Kafka Connect and Strimzi. Use className instead'],
    [{ className: 'io.example.Sink', config: { name: 'x' } }, 'config["name"]: "x" is reserved by Kafka Connect and Strimzi. Use name instead'],
    [{ className: 'io.example.Sink', tasksMax: 0 }, 'tasksMax: 0 must be an integer >= 1'],
    [{ className: 'not a class' }, 'className: "not a class" must be a fully qualified Java class name'],
    [{ className: 'a.B', topics: ['t'], config: { 'topics.regex': 'x.*' } }, 'config["topics.regex"]: "x.*" conflicts with the topics property. Set the topics in one place'],
    [{ className: 'a.B', topics: ['t', 't'] }, 'topics: ["t","t"] lists t more than once'],
    [{ className: 'a.B', autoRestart: { maxRestarts: -2 } }, 'autoRestart.maxRestarts: -2 must be an integer >= 0'],
  ])('%j is an error', (options, message) => {
    expect(() => kafka().addConnect('c').addConnector('x', options)).toThrow(`[p-kafka/events/c/x] ${message}`);
  });

  test('a topic of another Kafka cluster is an error', () => {
    const k = kafka();
    const foreign = KafkaPlatform.of(k).addKafka('other', THREE_BY_THREE).addTopic('orders');
    expect(() => k.addConnect('c').addConnector('x', { className: 'a.B', topics: [foreign] })).toThrow(
      'topics: "orders" belongs to the Kafka cluster p-kafka/other, but Connect "c" uses p-kafka/events');
  });

  test('a Connect cluster that does not use connector resources refuses connectors', () => {
    const connect = kafka().addConnect('rest', { useConnectorResources: false });
    expect(Object.keys(find(synth(connect.kafka), 'KafkaConnect').metadata)).not.toContain('annotations');
    expect(() => connect.addConnector('x', { className: 'a.B' })).toThrow(
      '[p-kafka/events/rest] useConnectorResources: false means KafkaConnect "rest" ignores KafkaConnector resources. '
      + 'Set useConnectorResources: true (the default) to manage connectors with addConnector()');
  });
});

describe('escape hatches', () => {
  test('addOverride sets fields that are not modeled; dots in keys are escaped', () => {
    const k = kafka();
    k.addOverride('spec.kafka.template.pod.priorityClassName', 'kafka');
    k.addOverride('spec.kafka.config.log\\.retention\\.hours', 48);
    k.addOverride('spec.kafka.listeners.0.configuration', { useServiceDnsDomain: true });
    k.addOverride('spec.cruiseControl', undefined);
    const spec = find(synth(k), 'Kafka').spec;
    expect(spec.kafka.template).toEqual({ pod: { priorityClassName: 'kafka' } });
    expect(spec.kafka.config['log.retention.hours']).toBe(48);
    expect(spec.kafka.listeners[0].configuration).toEqual({ useServiceDnsDomain: true });
  });

  test('addOverride refuses apiVersion and kind', () => {
    expect(() => kafka().addOverride('kind', 'X')).toThrow(
      '[p-kafka/events] addOverride path: "kind" must be a dot-separated path below the object root, not apiVersion or kind');
  });

  test('ApiObject.of() returns the resource for JSON patches', () => {
    const k = kafka();
    ApiObject.of(k).addJsonPatch(JsonPatch.add('/spec/kafka/template', { pod: {} }));
    expect(ApiObject.of(k)).toBe(k.apiObject);
    expect(find(synth(k), 'Kafka').spec.kafka.template).toEqual({ pod: {} });
  });

  test('two resources of one kind and name in a namespace fail synth', () => {
    const k = kafka();
    k.addTopic('a', { name: 'orders', topicName: 'orders-a' });
    k.addTopic('b', { name: 'orders', topicName: 'orders-b' });
    expect(() => synth(k)).toThrow('name: "orders" is used by two KafkaTopics in namespace kafka (p-kafka/events/a and p-kafka/events/b); names must be unique per kind and namespace');
    // A third one is named with the one before it.
    k.addTopic('c', { name: 'orders', topicName: 'orders-c' });
    expect(() => synth(k)).toThrow(/\(p-kafka\/events\/a and p-kafka\/events\/b\).*\n.*\(p-kafka\/events\/b and p-kafka\/events\/c\)/);
  });
});

// Issue 11 (found by test/property/secrets.test.ts): a secret written literally in free-form config
// reached the KafkaConnector, and so the GitOps repository. Kafka's password-type configs end in
// `.password` (apache/kafka ConfigDef.Type.PASSWORD); Strimzi reads secrets with config providers.
describe('secrets in free-form config', () => {
  test('a literal password in a connector config is refused, without repeating it', () => {
    const connect = kafka().addConnect('c', { listener: 'plain' });
    expect(() => connect.addConnector('x', { className: 'io.example.Sink', topics: ['t'], config: { 'connection.password': 'hunter2' } })).toThrow(
      '[p-kafka/events/c/x] config["connection.password"]: "<redacted>" looks like a secret written literally (its key holds a secret), '
      + 'and the config is written into the manifest. Keep the secret in a Secret and reference it with a config provider, '
      + 'for example ${secrets:<namespace>/<secret>:<key>} (Strimzi\'s KubernetesSecretConfigProvider)');
  });

  test('key material is refused under any key; a config provider reference is accepted', () => {
    const connect = kafka().addConnect('c', { listener: 'plain', config: { 'config.providers': 'secrets' } });
    expect(() => connect.addConnector('x', { className: 'io.example.Sink', config: { 'azure.connection': 'Endpoint=sb://x/;SharedAccessKeyName=a;SharedAccessKey=b' } }))
      .toThrow('[p-kafka/events/c/x] config["azure.connection"]: "<redacted>" holds an Azure connection string with a key');
    expect(() => kafka().addConnect('d', { listener: 'plain', config: { 'producer.ssl.key.password': 'x' } })).toThrow(
      '[p-kafka/events/d] config["producer.ssl.key.password"]: "<redacted>" looks like a secret');
    const connector = connect.addConnector('y', { className: 'io.example.Sink', config: { 'connection.password': '${secrets:kafka/db:password}' } });
    expect(connector.node.path).toBe('p-kafka/events/c/y');
  });
});
