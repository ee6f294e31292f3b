import { AclOperation, AclPatternType, AclResource, KafkaAcl } from './acl';

// The KafkaUsers the library generates (a Connect cluster's user, KEDA's scaler user) are granted
// access to the topics and groups of every connector and autoscaled consumer. One literal ACL per
// name would make a KafkaUser grow with the platform, up to etcd's limit on one object (5,000 sink
// connectors: about 1 MiB each). Up to LITERAL_ACL_LIMIT names of a resource type, every name gets its
// literal ACL, which is least privilege; beyond that the names are covered by at most that many
// prefix ACLs (KafkaUser `acls[].resource.patternType: prefix`, in the CRD of every Strimzi release
// this library supports), each as long as the bound allows: the grant then also reaches names that
// start like the declared ones, and naming topics and connectors with shared prefixes keeps it
// narrow (for example Kafka Connect's sink groups are `connect-<connector name>`, apache/kafka 3.9:
// connect/runtime/src/main/java/org/apache/kafka/connect/util/SinkUtils.java, consumerGroupId).

/** Most names of one resource type that a generated KafkaUser lists as literal ACLs. */
export const LITERAL_ACL_LIMIT = 100;

/** A name or a prefix of an ACL. */
export interface CoveringName {
  readonly name: string;
  readonly prefix: boolean;
}

/**
 * At most `max` names and prefixes that cover every name of `names`: the names themselves when there
 * are few enough (in the order given), else sorted prefixes of the longest length that leaves at most
 * `max` distinct ones (a name that shares its prefix with no other name stays literal). Names that
 * differ already in their first character cannot be covered by fewer than their first characters.
 */
export function coveringNames(names: Iterable<string>, max: number = LITERAL_ACL_LIMIT): CoveringName[] {
  const unique = [...new Set(names)];
  if (unique.length <= max) {
    return unique.map(name => ({ name, prefix: false }));
  }
  const cut = (length: number) => {
    const byKey = new Map<string, string[]>();
    for (const name of unique) {
      const key = name.slice(0, length);
      const group = byKey.get(key);
      if (group) {
        group.push(name);
      } else {
        byKey.set(key, [name]);
      }
    }
    return byKey;
  };
  // The number of distinct cuts never falls as the length grows: the longest length within the bound.
  let low = 1;
  let high = Math.max(...unique.map(n => n.length));
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (cut(middle).size <= max) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return [...cut(low)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, group]) => (group.length > 1 ? { name: key, prefix: true } : { name: group[0], prefix: false }));
}

/** ACLs of `type` on `names` with `operations`, literal or, beyond the limit, by prefix (see `coveringNames`). */
export function boundedAcls(type: 'topic' | 'group', names: Iterable<string>, operations: AclOperation[]): KafkaAcl[] {
  return coveringNames(names).map(({ name, prefix }) => {
    const patternType = prefix ? AclPatternType.PREFIX : AclPatternType.LITERAL;
    return { resource: type === 'topic' ? AclResource.topic(name, patternType) : AclResource.group(name, patternType), operations };
  });
}
