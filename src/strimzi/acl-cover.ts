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
  // Sorted, the names that share a prefix of length L are neighbours, and the distinct prefixes are
  // one more than the neighbours whose common prefix is shorter than L: the longest L within the
  // bound is the max-th shortest common prefix of neighbours. One sort, instead of grouping every
  // name for each length tried.
  const sorted = unique.sort();
  // common[i]: the common prefix of sorted[i] and sorted[i + 1].
  const common = sorted.slice(1).map((name, i) => commonPrefixLength(sorted[i], name));
  const length = Math.max(1, [...common].sort((a, b) => a - b)[max - 1]);
  const cover = new Array<CoveringName>();
  for (let first = 0; first < sorted.length;) {
    let next = first + 1;
    while (next < sorted.length && common[next - 1] >= length) {
      next++;
    }
    cover.push(next - first > 1 ? { name: sorted[first].slice(0, length), prefix: true } : { name: sorted[first], prefix: false });
    first = next;
  }
  return cover;
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) {
    i++;
  }
  return i;
}

/** ACLs of `type` on `names` with `operations`, literal or, beyond the limit, by prefix (see `coveringNames`). */
export function boundedAcls(type: 'topic' | 'group', names: Iterable<string>, operations: AclOperation[]): KafkaAcl[] {
  return coveringNames(names).map(({ name, prefix }) => {
    const patternType = prefix ? AclPatternType.PREFIX : AclPatternType.LITERAL;
    return { resource: type === 'topic' ? AclResource.topic(name, patternType) : AclResource.group(name, patternType), operations };
  });
}
