import { Size } from 'cdk8s';
import { sizeQuantity } from '../common/resource-requirements';

/** Options of persistent-claim storage. */
export interface PersistentClaimStorageOptions {
  /** Size of each node's volume. */
  readonly size: Size;

  /**
   * StorageClass of the claims.
   *
   * @default - the cluster's default StorageClass
   */
  readonly storageClass?: string;

  /**
   * Delete the claims when the cluster is deleted.
   *
   * @default false
   */
  readonly deleteClaim?: boolean;

  /**
   * Store the KRaft metadata log on this volume (JBOD: at most one volume).
   *
   * @default - Strimzi chooses
   */
  readonly kraftMetadata?: boolean;
}

/** Options of ephemeral (emptyDir) storage. */
export interface EphemeralStorageOptions {
  /**
   * Size limit of the emptyDir volume.
   *
   * @default - no limit
   */
  readonly sizeLimit?: Size;

  /**
   * Store the KRaft metadata log on this volume (JBOD: at most one volume).
   *
   * @default - Strimzi chooses
   */
  readonly kraftMetadata?: boolean;
}

/** Storage of a node pool (Strimzi `storage`: ephemeral, persistent-claim or jbod). */
export class KafkaStorage {
  /** emptyDir volumes: data is lost when a pod restarts. For development only. */
  public static ephemeral(options: EphemeralStorageOptions = {}): KafkaStorage {
    return new KafkaStorage('ephemeral', {
      sizeLimit: sizeQuantity(options.sizeLimit),
      kraftMetadata: options.kraftMetadata ? 'shared' : undefined,
    });
  }

  /** One PersistentVolumeClaim per node. */
  public static persistentClaim(options: PersistentClaimStorageOptions): KafkaStorage {
    return new KafkaStorage('persistent-claim', {
      size: sizeQuantity(options.size),
      class: options.storageClass,
      deleteClaim: options.deleteClaim,
      kraftMetadata: options.kraftMetadata ? 'shared' : undefined,
    });
  }

  /**
   * Several volumes per node (JBOD). Volume IDs are assigned in order, from 0.
   *
   * @param volumes ephemeral or persistent-claim volumes
   */
  public static jbod(volumes: KafkaStorage[]): KafkaStorage {
    return new KafkaStorage('jbod', {}, volumes);
  }

  private constructor(
    /** `ephemeral`, `persistent-claim` or `jbod`. */
    public readonly type: string,
    private readonly fields: { [key: string]: unknown },
    private readonly volumes: KafkaStorage[] = []) {}

  /**
   * The rendered storage, or the rule it breaks.
   * @internal
   */
  public _render(): { storage?: any; error?: { value: unknown; rule: string } } {
    if (this.type !== 'jbod') {
      return { storage: compact({ type: this.type, ...this.fields }) };
    }
    if (this.volumes.length === 0) {
      return { error: { value: [], rule: 'must list at least one JBOD volume' } };
    }
    if (this.volumes.some(v => v.type === 'jbod')) {
      return { error: { value: this.volumes.map(v => v.type), rule: 'must not nest JBOD in JBOD' } };
    }
    const volumes = this.volumes.map((v, id) => compact({ id, type: v.type, ...v.fields }));
    if (volumes.filter(v => v.kraftMetadata).length > 1) {
      return { error: { value: volumes.map(v => v.kraftMetadata ?? null), rule: 'may mark at most one JBOD volume for KRaft metadata' } };
    }
    return { storage: { type: 'jbod', volumes } };
  }
}

function compact(obj: { [key: string]: any }): { [key: string]: any } {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}
