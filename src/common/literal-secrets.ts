import { IConstruct } from 'constructs';
import { fieldMessage } from './field-errors';

// Secrets never appear in the output: it is committed to GitOps repositories, and custom resources are
// readable by anyone who may list them. The library takes secrets only as references; free-form
// config (a connector's, a Connect cluster's, an override's value) could still carry one literally.
// Refused here are values under keys that hold secrets by Kafka's convention, and key material
// wherever it appears. Kafka's secret configs are of ConfigDef.Type.PASSWORD
// (clients/src/main/java/org/apache/kafka/common/config/SslConfigs.java and SaslConfigs.java):
// ssl.key.password, ssl.keystore.password, ssl.truststore.password, ssl.keystore.key and
// sasl.jaas.config; the two certificate configs of that type hold public certificates and pass. Connectors
// name theirs alike (`...password`, `...token`, `...secret`, `...accountKey`). A value that reads the
// secret through a config provider (`${secrets:<namespace>/<secret>:<key>}` with Strimzi's
// KubernetesSecretConfigProvider, `${env:...}`, `${file:...}`) is a reference, not a secret.

const SECRET_KEY = /(^|[._-])(password|passwd|secret|token|credentials|sasToken|connectionString|accountKey|jaas\.config|keystore\.key)$/i;

const KEY_MATERIAL: Array<[string, RegExp]> = [
  ['a PEM private key', /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/],
  ['an Azure connection string with a key', /(SharedAccessKey|AccountKey|SharedAccessSignature)=/i],
  ['a SAS token signature', /(^|[?&])sig=[^&\s]+/],
  ['a password in a JAAS config', /password\s*=\s*"(?!\$\{)[^"]+"/i],
];

const HINT = 'Keep the secret in a Secret and reference it with a config provider, for example '
  + '${secrets:<namespace>/<secret>:<key>} (Strimzi\'s KubernetesSecretConfigProvider)';

/** Whether `value` holds key material (a private key, a connection string with its key, a SAS signature, ...). */
export function holdsKeyMaterial(value: unknown): boolean {
  return typeof value === 'string' && KEY_MATERIAL.some(([, re]) => re.test(value));
}

/** Why the string `value` under `key` is a secret written literally, or undefined. */
function literalSecret(key: string, value: string): string | undefined {
  const material = KEY_MATERIAL.find(([, re]) => re.test(value));
  if (material) {
    return `holds ${material[0]}, and the config is written into the manifest`;
  }
  if (SECRET_KEY.test(key) && value !== '' && !value.includes('${')) {
    return 'looks like a secret written literally (its key holds a secret), and the config is written into the manifest';
  }
  return undefined;
}

/**
 * Throws our error (with the value redacted) for the first secret given literally in `value`, a JSON
 * value already checked for shape; `key` is the key `value` is set under. `scope` is the construct,
 * or the factory, the value is given to.
 */
export function checkNoLiteralSecrets(scope: IConstruct | string, field: string, key: string, value: unknown): void {
  if (typeof value === 'string') {
    const why = literalSecret(key, value);
    if (why) {
      throw new Error(`[${typeof scope === 'string' ? scope : scope.node.path}] ${fieldMessage(field, '<redacted>', why, HINT)}`);
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkNoLiteralSecrets(scope, `${field}[${i}]`, key, v));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      checkNoLiteralSecrets(scope, `${field}[${JSON.stringify(k)}]`, k, v);
    }
  }
}
