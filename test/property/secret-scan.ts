// Finds secret material in synthesized objects (issue 11): what a reviewer of the GitOps repository,
// or anyone who can read the custom resources, must never see. Used by the property tests and by the
// tests of the examples.

/** Text that is key material wherever it appears. */
const KEY_MATERIAL: Array<[string, RegExp]> = [
  ['a PEM private key', /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/],
  ['an Azure connection string key', /(SharedAccessKey|AccountKey|SharedAccessSignature)=/i],
  ['a SAS token signature', /(^|[?&])sig=[^&\s]+/],
  ['a password in a JAAS config', /password\s*=\s*"(?!\$\{)[^"]+"/i],
];

/** Keys whose value is a secret when it is given literally (Kafka's password keys end in `.password`). */
const SECRET_KEY = /(^|[._-])(password|passwd|secret|token|credentials|sasToken|connectionString|accountKey|jaas\.config|keystore\.key)$/i;

/**
 * Parents under which such a key names where a secret is, not the secret: Strimzi's
 * `passwordSecret: {secretName, password: <key in the Secret>}`, Kubernetes' `secretKeyRef`, KEDA's
 * `secretTargetRef` items `{parameter: password, name, key}`.
 */
const REFERENCE_PARENT = /(Secret|secretKeyRef|secretTargetRef|configMapTargetRef|boundServiceAccountToken)$/;

/** Where `objects` hold secret material or one of the `markers`: `<kind>/<name> <json path>: <what>`. */
export function secretMaterial(objects: any[], markers: string[] = []): string[] {
  const found: string[] = [];
  const visit = (value: unknown, where: string, key: string, parent: string) => {
    if (typeof value === 'string') {
      for (const [what, re] of KEY_MATERIAL) {
        if (re.test(value)) found.push(`${where}: ${what}`);
      }
      for (const marker of markers) {
        if (value.includes(marker) || key.includes(marker)) found.push(`${where}: the secret marker ${JSON.stringify(marker)}`);
      }
      if (SECRET_KEY.test(key) && !REFERENCE_PARENT.test(parent) && value !== '' && !value.startsWith('${')) {
        found.push(`${where}: a literal value under the secret-like key ${JSON.stringify(key)}`);
      }
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, `${where}[${i}]`, key, parent));
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        visit(v, `${where}.${k}`, k, key);
      }
    }
  };
  for (const o of objects) {
    visit(o, `${o?.kind}/${o?.metadata?.name}`, '', '');
  }
  return found;
}
