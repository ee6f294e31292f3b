import { arrayOf, checkInput, enumOf, instanceOf, STRING, struct } from '../common/input-shape';

/** An operation an ACL rule allows or denies (KafkaUser CRD `acls[].operations`). */
export enum AclOperation {
  /** Read */
  READ = 'Read',
  /** Write */
  WRITE = 'Write',
  /** Create */
  CREATE = 'Create',
  /** Delete */
  DELETE = 'Delete',
  /** Alter */
  ALTER = 'Alter',
  /** Describe */
  DESCRIBE = 'Describe',
  /** ClusterAction */
  CLUSTER_ACTION = 'ClusterAction',
  /** AlterConfigs */
  ALTER_CONFIGS = 'AlterConfigs',
  /** DescribeConfigs */
  DESCRIBE_CONFIGS = 'DescribeConfigs',
  /** IdempotentWrite */
  IDEMPOTENT_WRITE = 'IdempotentWrite',
  /** All */
  ALL = 'All',
}

/** Whether a resource name is matched literally or as a prefix. */
export enum AclPatternType {
  /** The exact name. */
  LITERAL = 'literal',
  /** Every name that starts with it. */
  PREFIX = 'prefix',
}

/** Whether an ACL rule allows or denies. */
export enum AclEffect {
  /** allow */
  ALLOW = 'allow',
  /** deny */
  DENY = 'deny',
}

/** The Kafka resource an ACL rule applies to. */
export class AclResource {
  /** A topic (or topics with a name prefix). */
  public static topic(name: string, patternType: AclPatternType = AclPatternType.LITERAL): AclResource {
    checkNamed('AclResource.topic', name, patternType);
    return new AclResource('topic', name, patternType);
  }

  /** A consumer group (or groups with a name prefix). */
  public static group(name: string, patternType: AclPatternType = AclPatternType.LITERAL): AclResource {
    checkNamed('AclResource.group', name, patternType);
    return new AclResource('group', name, patternType);
  }

  /** A transactional ID (or IDs with a prefix). */
  public static transactionalId(name: string, patternType: AclPatternType = AclPatternType.LITERAL): AclResource {
    checkNamed('AclResource.transactionalId', name, patternType);
    return new AclResource('transactionalId', name, patternType);
  }

  /** The cluster. */
  public static cluster(): AclResource {
    return new AclResource('cluster');
  }

  private constructor(
    /** `topic`, `group`, `transactionalId` or `cluster`. */
    public readonly type: string,
    /** The name or prefix; none for the cluster. */
    public readonly name?: string,
    /** How `name` matches. */
    public readonly patternType?: AclPatternType) {}

  /** @internal */
  public _render(): any {
    return this.type === 'cluster' ? { type: 'cluster' } : { type: this.type, name: this.name, patternType: this.patternType };
  }
}

function checkNamed(factory: string, name: unknown, patternType: unknown): void {
  checkInput(factory, 'name', name, STRING);
  checkInput(factory, 'patternType', patternType, enumOf(AclPatternType, 'AclPatternType'));
}

/** An ACL rule of a KafkaUser (simple authorization). */
export interface KafkaAcl {
  /** What the rule applies to. */
  readonly resource: AclResource;

  /** The operations it allows or denies. */
  readonly operations: AclOperation[];

  /**
   * Allow or deny.
   *
   * @default AclEffect.ALLOW
   */
  readonly effect?: AclEffect;

  /**
   * The client host the rule applies to.
   *
   * @default '*'
   */
  readonly host?: string;
}

/** Renders rules with `operations` (plural): the only form the v1 API has, and valid in v1beta2. */
export function renderAcl(acl: KafkaAcl): any {
  return {
    resource: acl.resource._render(),
    operations: [...acl.operations],
    ...(acl.effect && acl.effect !== AclEffect.ALLOW ? { type: acl.effect } : {}),
    ...(acl.host !== undefined ? { host: acl.host } : {}),
  };
}

/** The shape of `KafkaAcl`. */
export const ACL_SHAPE = struct('KafkaAcl', {
  resource: instanceOf('AclResource', () => AclResource, 'AclResource.topic(), .group(), .transactionalId() or .cluster()'),
  operations: arrayOf(enumOf(AclOperation, 'AclOperation')),
  effect: enumOf(AclEffect, 'AclEffect'),
  host: STRING,
}, ['resource', 'operations']);
