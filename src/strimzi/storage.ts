import { Size, SizeRoundingBehavior } from 'cdk8s';
import { arrayOf, BOOLEAN, checkInput, instanceOf, SIZE, STRING, struct } from '../common/input-shape';
import { sizeQuantity } from '../common/resource-requirements';

/** A rule the storage breaks: `field` under the node pool's `storage`, the value shown, the rule and what to do. */
export interface StorageError {
  readonly field: string;
  readonly value: unknown;
  readonly rule: string;
  readonly hint?: string;
}

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

const EPHEMERAL_SHAPE = struct('EphemeralStorageOptions', { sizeLimit: SIZE, kraftMetadata: BOOLEAN });
const PERSISTENT_CLAIM_SHAPE = struct('PersistentClaimStorageOptions', { size: SIZE, storageClass: STRING, deleteClaim: BOOLEAN, kraftMetadata: BOOLEAN }, ['size']);

/** The shape of a `KafkaStorage`. */
export const STORAGE_SHAPE = instanceOf('KafkaStorage', () => KafkaStorage, 'KafkaStorage.persistentClaim(), .ephemeral() or .jbod()');

/** Storage of a node pool (Strimzi `storage`: ephemeral, persistent-claim or jbod). */
export class KafkaStorage {
  /** emptyDir volumes: data is lost when a pod restarts. For development only. */
  public static ephemeral(options: EphemeralStorageOptions = {}): KafkaStorage {
    checkInput('KafkaStorage.ephemeral', 'options', options, EPHEMERAL_SHAPE);
    return new KafkaStorage('ephemeral', {
      sizeLimit: options.sizeLimit,
      kraftMetadata: options.kraftMetadata ? 'shared' : undefined,
    });
  }

  /** One PersistentVolumeClaim per node. */
  public static persistentClaim(options: PersistentClaimStorageOptions): KafkaStorage {
    checkInput('KafkaStorage.persistentClaim', 'options', options, PERSISTENT_CLAIM_SHAPE);
    return new KafkaStorage('persistent-claim', {
      size: options.size,
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
    checkInput('KafkaStorage.jbod', 'volumes', volumes, arrayOf(STORAGE_SHAPE));
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
  public _render(): { storage?: any; error?: StorageError } {
    if (this.type !== 'jbod') {
      return this.renderVolume('storage');
    }
    if (this.volumes.length === 0) {
      return { error: { field: 'storage', value: [], rule: 'must list at least one JBOD volume' } };
    }
    if (this.volumes.some(v => v.type === 'jbod')) {
      return { error: { field: 'storage', value: this.volumes.map(v => v.type), rule: 'must not nest JBOD in JBOD' } };
    }
    const volumes = [];
    for (const [id, volume] of this.volumes.entries()) {
      const rendered = volume.renderVolume(`storage.volumes[${id}]`);
      if (rendered.error) {
        return rendered;
      }
      volumes.push({ id, ...rendered.storage });
    }
    if (volumes.filter(v => v.kraftMetadata).length > 1) {
      return { error: { field: 'storage', value: volumes.map(v => v.kraftMetadata ?? null), rule: 'may mark at most one JBOD volume for KRaft metadata' } };
    }
    return { storage: { type: 'jbod', volumes } };
  }

  // One volume; its sizes become quantities here, so that a bad one is reported with the node pool's path.
  private renderVolume(field: string): { storage?: any; error?: StorageError } {
    const fields: { [key: string]: unknown } = { type: this.type };
    for (const [key, value] of Object.entries(this.fields)) {
      if (!(value instanceof Size)) {
        fields[key] = value;
        continue;
      }
      const error = checkSize(`${field}.${key}`, value, key === 'sizeLimit' ? 'Leave sizeLimit unset for no limit' : 'For example Size.gibibytes(100)');
      if (error) {
        return { error };
      }
      fields[key] = sizeQuantity(value);
    }
    return { storage: compact(fields) };
  }
}

/**
 * A volume size must be a positive, finite amount. Strimzi's CRD takes any string, but Kubernetes
 * refuses a PersistentVolumeClaim that requests 0 bytes (kubernetes pkg/apis/core/validation/
 * validation.go, ValidatePersistentVolumeClaimSpec: ValidatePositiveQuantityValue on the storage
 * request), and the kubelet evicts a pod whose emptyDir exceeds its sizeLimit, so a 0-byte limit
 * evicts the broker at its first write.
 */
function checkSize(field: string, size: Size, hint: string): StorageError | undefined {
  let kib: number;
  try {
    kib = size.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
  } catch {
    // cdk8s's Size takes any amount and throws while converting one that is not a number (a BigInt).
    return { field, value: size, rule: 'has an amount that is not a number', hint };
  }
  if (!Number.isFinite(kib) || Math.round(kib * 1024) < 1) {
    return { field, value: `${kib}KiB`, rule: 'must be a positive, finite size (at least 1 byte)', hint };
  }
  return undefined;
}

function compact(obj: { [key: string]: any }): { [key: string]: any } {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}
