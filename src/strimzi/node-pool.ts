import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { JvmOptions, renderJvmOptions } from './jvm-options';
import type { Kafka } from './kafka';
import { StrimziResource } from './resource';
import { KafkaStorage } from './storage';
import { duplicates } from '../common/duplicates';
import { fieldError } from '../common/field-errors';
import { DNS_LABEL_RULE, isDnsLabel } from '../common/k8s-names';
import { JsonObject } from '../common/manifest';
import { renderResources } from '../common/resource-requirements';

/** The KRaft roles of the nodes of a pool. */
export enum KafkaNodeRole {
  /** Members of the KRaft controller quorum. */
  CONTROLLER = 'controller',
  /** Brokers that hold partitions and serve clients. */
  BROKER = 'broker',
}

/** Options of a node pool (`Kafka.addNodePool()`, `KafkaOptions.nodePools`). */
export interface KafkaNodePoolOptions {
  /** Name of the pool (a DNS label); node pods are named `<cluster>-<pool>-<node id>`. */
  readonly name: string;

  /** Roles of its nodes: controller, broker, or both. */
  readonly roles: KafkaNodeRole[];

  /** Number of nodes (0 or more). */
  readonly replicas: number;

  /** Storage of each node. */
  readonly storage: KafkaStorage;

  /**
   * CPU and memory of each node.
   *
   * @default - none set
   */
  readonly resources?: kplus.ContainerResources;

  /**
   * JVM options of each node.
   *
   * @default - Strimzi's defaults
   */
  readonly jvmOptions?: JvmOptions;
}

/** Properties of `KafkaNodePool`. */
export interface KafkaNodePoolProps extends KafkaNodePoolOptions {
  /** The Kafka cluster the pool belongs to. */
  readonly kafka: Kafka;
}

/** A KafkaNodePool: a group of KRaft nodes of one Kafka cluster that share roles and settings. */
export class KafkaNodePool extends StrimziResource {
  /** The Kafka cluster. */
  public readonly kafka: Kafka;

  /** Roles of the nodes. */
  public readonly roles: KafkaNodeRole[];

  /** Number of nodes. */
  public readonly replicas: number;

  private readonly spec: any;

  constructor(scope: Construct, id: string, props: KafkaNodePoolProps) {
    super(scope, id, {
      kind: 'KafkaNodePool',
      name: props.name,
      namespace: props.kafka.namespace,
      release: props.kafka.release,
      labels: { 'strimzi.io/cluster': props.kafka.name },
    });
    this.kafka = props.kafka;
    this.roles = [...props.roles ?? []];
    this.replicas = props.replicas;

    if (!isDnsLabel(props.name)) {
      throw fieldError(this, 'name', props.name, DNS_LABEL_RULE);
    }
    // Pod names carry the label strimzi.io/pod-name, and label values have at most 63 characters.
    const pod = `${props.kafka.name}-${props.name}-NNNNN`;
    if (pod.length > 63) {
      throw fieldError(this, 'name', props.name, `makes node pod names too long: ${pod} has ${pod.length} characters, at most 63 fit`,
        'Shorten the pool or cluster name');
    }
    if (this.roles.length === 0 || this.roles.some(r => !Object.values(KafkaNodeRole).includes(r))) {
      throw fieldError(this, 'roles', this.roles, 'must be KafkaNodeRole.CONTROLLER, KafkaNodeRole.BROKER or both');
    }
    if (duplicates(this.roles).length > 0) {
      throw fieldError(this, 'roles', this.roles, 'lists a role twice');
    }
    if (!Number.isInteger(props.replicas) || props.replicas < 0) {
      throw fieldError(this, 'replicas', props.replicas, 'must be an integer >= 0');
    }
    const storage = props.storage?._render();
    if (!storage || storage.error) {
      throw fieldError(this, storage?.error?.field ?? 'storage', storage?.error?.value, storage?.error?.rule ?? 'is required',
        storage?.error?.hint ?? 'Use KafkaStorage.persistentClaim(), KafkaStorage.ephemeral() or KafkaStorage.jbod()');
    }
    this.spec = {
      replicas: props.replicas,
      roles: this.roles,
      storage: storage.storage,
      ...(props.resources ? { resources: renderResources(props.resources) } : {}),
      ...(props.jvmOptions ? { jvmOptions: renderJvmOptions(props.jvmOptions, (f, v, r) => fieldError(this, f, v, r)) } : {}),
    };
  }

  /** Whether the pool's nodes are brokers. */
  public get isBroker(): boolean {
    return this.roles.includes(KafkaNodeRole.BROKER);
  }

  /** Whether the pool's nodes are KRaft controllers. */
  public get isController(): boolean {
    return this.roles.includes(KafkaNodeRole.CONTROLLER);
  }

  protected renderSpec(): JsonObject {
    return this.spec;
  }
}
