import { KafkaPlatform } from '../platform/platform';
import { KafkaPlatformSettings } from '../platform/platform-props';
import { StrimziRelease } from '../strimzi/release';

/**
 * The declaration of a platform's resources: Kafka clusters, topics, users, Connect clusters,
 * connectors, autoscaling. An upgrade calls it once for every phase, on a platform of the release the
 * cluster is at in that phase, so the resources are declared once and written for each release.
 */
export interface IPlatformDeclaration {
  /** Declares the resources on `platform` (call `platform.addKafka()` and so on). */
  declare(platform: KafkaPlatform): void;
}

/** Properties of `StrimziUpgrade`. */
export interface StrimziUpgradeProps extends KafkaPlatformSettings {
  /** The Strimzi release the platform runs today. */
  readonly from: StrimziRelease;

  /** The Strimzi release to move to. */
  readonly to: StrimziRelease;

  /**
   * Releases to pass through on the way, oldest first. From below 0.49 to 1.0 or later the path must
   * pass a 0.49, 0.50 or 0.51 release, where the resources are converted to the v1 API.
   *
   * @default - straight from `from` to `to`
   */
  readonly via?: StrimziRelease[];

  /** The platform's resources, declared once. */
  readonly declaration: IPlatformDeclaration;

  /**
   * The Kafka version the clusters run today.
   *
   * @default - the default Kafka version of `from` (what a cluster without `version` runs)
   */
  readonly currentKafkaVersion?: string;

  /**
   * The KRaft metadata version the clusters run today.
   *
   * @default - the metadata version `from` pairs with the current Kafka version
   */
  readonly currentMetadataVersion?: string;

  /**
   * Delete the CRDs that a newer release no longer has (KafkaMirrorMaker from 0.46). Deleting a CRD
   * deletes every resource of its kind.
   *
   * @default false - they stay installed, are never pruned, and the plan lists them
   */
  readonly deleteObsoleteCrds?: boolean;

  /**
   * Folder below the App's output folder for the phases and UPGRADE.md.
   *
   * @default - the output folder itself
   */
  readonly folder?: string;
}
