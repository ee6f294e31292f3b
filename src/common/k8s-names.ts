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

// The API server's rules for the metadata of every object: label keys and values, annotation keys
// and their total size (k8s.io/apimachinery pkg/api/validation/objectmeta.go, ValidateAnnotations
// with TotalAnnotationSizeLimitB = 256 KiB; pkg/apis/meta/v1/validation/validation.go, ValidateLabels;
// pkg/util/validation/validation.go, IsQualifiedName and IsValidLabelValue), and the fields
// ObjectMeta has (k8s.io/apimachinery pkg/apis/meta/v1/types.go), since strict field validation
// refuses any other.

const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
export const ANNOTATIONS_SIZE_LIMIT = 256 * 1024;
const OBJECT_META_FIELDS = ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'];

/** Whether `key` is a qualified name: an optional DNS subdomain prefix and '/', then 1-63 characters of name. */
export function isQualifiedName(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  return name.length <= 63 && QUALIFIED_NAME_PART.test(name) && (prefix === undefined || isDnsSubdomain(prefix));
}

/** Whether `value` is a valid label value: empty, or up to 63 characters starting and ending with a letter or digit. */
export function isLabelValue(value: string): boolean {
  return value === '' || (value.length <= 63 && QUALIFIED_NAME_PART.test(value));
}

const QUALIFIED_NAME_RULE = 'must be a qualified name (an optional DNS subdomain prefix and \'/\', then at most 63 letters, digits, \'-\', \'_\' and \'.\', '
  + 'starting and ending with a letter or digit)';

/** What the API server would refuse in a rendered object's metadata, as `metadata.<field>: ...` messages. */
export function metadataErrors(metadata: { [field: string]: unknown }, describe: (v: unknown) => string): string[] {
  const errors = new Array<string>();
  const say = (field: string, value: unknown, rule: string) => errors.push(`metadata.${field}: ${describe(value)} ${rule}`);
  for (const field of Object.keys(metadata).filter(f => !OBJECT_META_FIELDS.includes(f))) {
    say(field, metadata[field], 'is not a field of ObjectMeta; the API server refuses unknown fields');
  }
  for (const [field, isValue] of [['labels', isLabelValue], ['annotations', () => true]] as const) {
    const map = metadata[field];
    if (map === undefined) {
      continue;
    }
    if (map === null || typeof map !== 'object' || Array.isArray(map)) {
      say(field, map, 'must be a map of strings');
      continue;
    }
    for (const [key, value] of Object.entries(map)) {
      if (!isQualifiedName(key)) {
        say(`${field}["${key}"]`, key, QUALIFIED_NAME_RULE);
      } else if (typeof value !== 'string') {
        say(`${field}["${key}"]`, value, 'must be a string');
      } else if (!isValue(value)) {
        say(`${field}["${key}"]`, value, 'must be a valid label value (at most 63 letters, digits, \'-\', \'_\' and \'.\', starting and ending with a letter or digit, or empty)');
      }
    }
    const size = field === 'annotations' ? Object.entries(map).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(String(v)), 0) : 0;
    if (size > ANNOTATIONS_SIZE_LIMIT) {
      say(field, `${size} bytes`, `exceed the API server's ${ANNOTATIONS_SIZE_LIMIT}-byte limit for all annotations of an object together`);
    }
  }
  return errors;
}
