import { IConstruct } from 'constructs';

// Every bad input fails at synth time with one message shape, so users can grep for it:
//   [<construct path>] <field>: <value> <rule>. <what to do instead>
// cdk8s prefixes messages from `node.addValidation()` with `[<path>] ` itself; errors thrown from
// constructors get the same prefix from `fieldError`.

/** Renders a user value for an error message: JSON, shortened when long. */
export function describeValue(value: unknown): string {
  if (value === undefined) {
    return '(not set)';
  }
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 120 ? `${json.slice(0, 117)}...` : json;
}

/** `<field>: <value> <rule>[. <hint>]` */
export function fieldMessage(field: string, value: unknown, rule: string, hint?: string): string {
  return `${field}: ${describeValue(value)} ${rule}${hint ? `. ${hint}` : ''}`;
}

/** An error for a construct's own input, thrown from its constructor or an `addX()` method. */
export function fieldError(scope: IConstruct, field: string, value: unknown, rule: string, hint?: string): Error {
  return new Error(`[${scope.node.path}] ${fieldMessage(field, value, rule, hint)}`);
}

/**
 * Registers a rule that is checked when the app is synthesized (after every `addX()` call), so
 * cdk8s reports all broken rules of an app at once.
 */
export function addValidation(scope: IConstruct, check: () => string[]): void {
  scope.node.addValidation({ validate: check });
}

// RFC 1123 label: the rule for namespaces and most object names that become DNS names.
// https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-label-names
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DNS_LABEL_RULE = 'must be a valid Kubernetes name (RFC 1123 label: lowercase letters, digits and \'-\', starting and ending with a letter or digit, at most 63 characters)';

export function isDnsLabel(name: string): boolean {
  return typeof name === 'string' && name.length <= 63 && DNS_LABEL.test(name);
}

// RFC 1035 label: the rule for Service names, which Strimzi derives from cluster names.
// https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#rfc-1035-label-names
const RFC1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export function isRfc1035Label(name: string): boolean {
  return typeof name === 'string' && name.length <= 63 && RFC1035_LABEL.test(name);
}

// RFC 1123 subdomain: the rule for most other object names (KafkaTopic, KafkaUser, ...).
// https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-subdomain-names
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const DNS_SUBDOMAIN_RULE = 'must be a valid Kubernetes object name (RFC 1123 subdomain: lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit, at most 253 characters)';

export function isDnsSubdomain(name: string): boolean {
  return typeof name === 'string' && name.length <= 253 && DNS_SUBDOMAIN.test(name);
}

/** Values that appear more than once, in first-seen order. */
export function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) {
      dups.add(v);
    }
    seen.add(v);
  }
  return [...dups];
}
