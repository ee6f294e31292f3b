import { Chart } from 'cdk8s';
import * as fc from 'fast-check';
import { build, parseAll, platformDecl, runs, SECRET_MARKERS, synthYaml } from './arbitraries';
import { Base, base, isOwnError, releases, synthAll } from './hostile';
import { secretMaterial } from './secret-scan';
import { KafkaListenerAuthentication, KafkaListenerType, KafkaNodeRole, KafkaStorage, ScalerTrigger, ScaleTarget, TriggerAuthentication } from '../../src';

// Issue 11: no secret material in any output. The library takes secrets only as references (a
// Secret's name and key, a TriggerAuthentication's secretTargetRefs); here the secrets' values, as
// recognizable markers, are given literally wherever free-form input could carry them: the answer
// is our own error (which does not repeat the secret) or output without them.

const MARKERS = Object.values(SECRET_MARKERS);
const target = ScaleTarget.of({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'app', namespace: 'kafka' });

const OTHER_KAFKA = () => ({
  name: 'other',
  nodePools: [{ name: 'dual', roles: [KafkaNodeRole.CONTROLLER, KafkaNodeRole.BROKER], replicas: 1, storage: KafkaStorage.ephemeral() }],
  listeners: [{ name: 'plain', port: 9092, type: KafkaListenerType.INTERNAL, tls: false }],
});

type Route = (b: Base, secret: string) => void;
const connectorConfig = (key: string): Route => (b, secret) =>
  b.connect.addConnector('k', { className: 'io.example.Sink', topics: [b.topic], config: { [key]: secret } });
const triggerMetadata = (key: string): Route => (b, secret) => b.platform.addConsumerAutoscaling('app', {
  target,
  kafka: b.kafka,
  consumerGroup: 'g',
  topics: [b.topic],
  maxReplicas: 3,
  triggers: [ScalerTrigger.generic({ type: 'azure-eventhub', metadata: { [key]: secret } })],
});

/** Where a secret's value could be pasted. */
const ROUTES: { readonly [where: string]: Route } = {
  'connector config connection.password': connectorConfig('connection.password'),
  'connector config database.password': connectorConfig('database.password'),
  'connector config consumer.override.sasl.jaas.config': connectorConfig('consumer.override.sasl.jaas.config'),
  'connector config ssl.keystore.key': connectorConfig('ssl.keystore.key'),
  'connector config any key': connectorConfig('azure.blob.storage.account'),
  'Connect config producer.ssl.key.password': (b, secret) => b.kafka.addConnect('c', { listener: 'plain', config: { 'producer.ssl.key.password': secret } }),
  'Connect config sasl.jaas.config': (b, secret) => b.kafka.addConnect('c', { listener: 'plain', config: { 'sasl.jaas.config': secret } }),
  'topic config ssl.keystore.password': (b, secret) => b.kafka.addTopic('t', { config: { 'ssl.keystore.password': secret } }),
  'Kafka config password.encoder.secret': (b, secret) => b.platform.addKafka('other', { ...OTHER_KAFKA(), config: { 'password.encoder.secret': secret } }),
  'Cruise Control config': (b, secret) => b.platform.addKafka('other', { ...OTHER_KAFKA(), cruiseControl: { config: { 'webserver.ssl.keystore.password': secret } } }),
  'custom listener config': (b, secret) => b.kafka.addListener({
    name: 'custom',
    port: 9200,
    type: KafkaListenerType.INTERNAL,
    tls: true,
    authentication: KafkaListenerAuthentication.custom({ sasl: true, listenerConfig: { 'oauthbearer.sasl.jaas.config': secret } }),
  }),
  'trigger metadata connection': triggerMetadata('connection'),
  'trigger metadata connectionString': triggerMetadata('connectionString'),
  'trigger metadata sasToken': triggerMetadata('sasToken'),
  'trigger metadata password': triggerMetadata('password'),
  'trigger authentication parameter': (b, secret) => new TriggerAuthentication(new Chart(b.app, 'apps', { namespace: 'kafka' }), 'auth', {
    release: b.platform.keda!, secretTargetRefs: [{ parameter: 'connection', name: 'eventhub', key: secret }],
  }),
  'override of the Connect config': (b, secret) => b.connect.addOverride('spec.config.ssl\\.truststore\\.password', secret),
  'override of an annotation': (b, secret) => b.topic.addOverride('metadata.annotations.credentials', secret),
  'override of a template value': (b, secret) => b.kafka.addOverride('spec.kafka.template.pod.metadata.annotations.token', secret),
};

const NOTHING_SAYS_SO = ['connector config any key', 'trigger authentication parameter'];

describe('secrets', () => {
  test('random valid declarations write no secret material', () => {
    fc.assert(fc.property(platformDecl, (d) => {
      expect(secretMaterial(parseAll(synthYaml(build(d))), MARKERS)).toEqual([]);
    }), runs(0.5));
  });

  test('a secret given literally is refused without being repeated, or kept out of the output', () => {
    fc.assert(fc.property(releases, fc.constantFrom(...Object.keys(ROUTES)), fc.constantFrom(...MARKERS), (r, where, secret) => {
      // A password where nothing says so (under a key that does not, or as a Secret's key) cannot be
      // told from any other value; connection strings, SAS tokens, JAAS configs and PEM keys can.
      fc.pre(!(NOTHING_SAYS_SO.includes(where) && secret === SECRET_MARKERS.password));
      const b = base(r);
      let yaml: string;
      try {
        ROUTES[where](b, secret);
        yaml = synthAll(b);
      } catch (e) {
        expect(isOwnError(e) ? 'own error' : String(e)).toBe('own error');
        expect(MARKERS.filter(m => (e as Error).message.includes(m) || (e as Error).message.includes(m.slice(0, 30)))).toEqual([]);
        return;
      }
      expect(secretMaterial(parseAll(yaml), MARKERS)).toEqual([]);
    }), runs(2));
  });
});

describe('the secret scan', () => {
  test('finds key material, literal values under secret-like keys and markers; not references to Secrets', () => {
    const objects = [{
      kind: 'KafkaConnector',
      metadata: { name: 'x' },
      spec: {
        config: { 'connection.password': 'hunter2', 'a': SECRET_MARKERS.pem, 'b': SECRET_MARKERS.eventHub, 'c': SECRET_MARKERS.sasToken, 'sasl.jaas.config': '${secrets:a/b:c}' },
        authentication: { passwordSecret: { secretName: 's', password: 'password' } },
        password: { valueFrom: { secretKeyRef: { name: 's', key: 'password' } } },
        note: `x ${SECRET_MARKERS.password}`,
      },
    }];
    expect(secretMaterial(objects, [SECRET_MARKERS.password])).toEqual([
      'KafkaConnector/x.spec.config.connection.password: a literal value under the secret-like key "connection.password"',
      'KafkaConnector/x.spec.config.a: a PEM private key',
      'KafkaConnector/x.spec.config.b: an Azure connection string key',
      'KafkaConnector/x.spec.config.c: a SAS token signature',
      `KafkaConnector/x.spec.note: the secret marker ${JSON.stringify(SECRET_MARKERS.password)}`,
    ]);
  });
});
