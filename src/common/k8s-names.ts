// The Kubernetes rules for object names and namespaces, with the messages that quote them.
// https://kubernetes.io/docs/concepts/overview/working-with-objects/names/

// RFC 1123 label: the rule for namespaces and most object names that become DNS names.
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DNS_LABEL_RULE = 'must be a valid Kubernetes name (RFC 1123 label: lowercase letters, digits and \'-\', starting and ending with a letter or digit, at most 63 characters)';

export function isDnsLabel(name: string): boolean {
  return typeof name === 'string' && name.length <= 63 && DNS_LABEL.test(name);
}

// RFC 1035 label: the rule for Service names, which Strimzi derives from cluster names.
const RFC1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export function isRfc1035Label(name: string): boolean {
  return typeof name === 'string' && name.length <= 63 && RFC1035_LABEL.test(name);
}

// RFC 1123 subdomain: the rule for most other object names (KafkaTopic, KafkaUser, ...).
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const DNS_SUBDOMAIN_RULE = 'must be a valid Kubernetes object name (RFC 1123 subdomain: lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit, at most 253 characters)';

export function isDnsSubdomain(name: string): boolean {
  return typeof name === 'string' && name.length <= 253 && DNS_SUBDOMAIN.test(name);
}
