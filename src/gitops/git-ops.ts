import { Duration } from 'cdk8s';

/** Where Flux reads the repository that holds the output (`spec.sourceRef` of a Flux Kustomization). */
export interface FluxSourceRef {
  /** Name of the source object, for example the GitRepository `platform`. */
  readonly name: string;

  /**
   * Kind of the source object.
   *
   * @default 'GitRepository'
   */
  readonly kind?: string;

  /**
   * Namespace of the source object.
   *
   * @default - the namespace of the Flux Kustomizations
   */
  readonly namespace?: string;
}

/** How Argo CD reads the output: what the generated Application points at. */
export interface ArgoCdOptions {
  /** URL of the Git repository the output is committed to. */
  readonly repoUrl: string;

  /** Path of the output folder in the repository, for example `dist/kafka`. */
  readonly path: string;

  /**
   * Git revision to sync.
   *
   * @default 'HEAD'
   */
  readonly targetRevision?: string;

  /**
   * Argo CD project of the Application.
   *
   * @default 'default'
   */
  readonly project?: string;

  /**
   * Namespace Argo CD runs in, where the Application object goes.
   *
   * @default 'argocd'
   */
  readonly namespace?: string;

  /**
   * The cluster to deploy to.
   *
   * @default 'https://kubernetes.default.svc' (the cluster Argo CD runs in)
   */
  readonly destinationServer?: string;

  /**
   * Sync automatically, pruning what the output no longer has and undoing drift.
   *
   * @default true
   */
  readonly automated?: boolean;
}

/** How Flux reads the output: what the generated Flux Kustomizations point at. */
export interface FluxOptions {
  /** The source that holds the output (a GitRepository, OCIRepository or Bucket). */
  readonly sourceRef: FluxSourceRef;

  /** Path of the output folder in the source, for example `./dist/kafka`. */
  readonly path: string;

  /**
   * Namespace of the Flux Kustomization objects.
   *
   * @default 'flux-system'
   */
  readonly namespace?: string;

  /**
   * How often Flux reconciles each stage.
   *
   * @default Duration.minutes(10)
   */
  readonly interval?: Duration;

  /**
   * How long Flux waits for a stage to become ready (a Kafka cluster rolls one broker at a time).
   *
   * @default Duration.minutes(30)
   */
  readonly timeout?: Duration;
}

/** The three flavours of output. */
export enum GitOpsFlavour {
  /** Numbered files for `kubectl apply`. */
  PLAIN = 'plain',
  /** Numbered files with sync waves, and an Argo CD Application. */
  ARGO_CD = 'argocd',
  /** One folder per stage with a kustomization.yaml, and Flux Kustomizations chained with dependsOn. */
  FLUX = 'flux',
}

/**
 * The form of the output: plain numbered files for `kubectl`, or the same objects laid out for Argo CD
 * or Flux. It applies to installs and to the phases of an upgrade alike.
 */
export class GitOps {
  /** Numbered files, one per stage, applied in order with `kubectl apply --server-side` (the default). */
  public static plain(): GitOps {
    return new GitOps(GitOpsFlavour.PLAIN);
  }

  /**
   * Argo CD: every object carries the sync wave of its stage, CRDs are never pruned, and an Application
   * (with `ignoreDifferences` for the fields the autoscaler owns) is written to `argocd/`.
   */
  public static argoCd(options: ArgoCdOptions): GitOps {
    return new GitOps(GitOpsFlavour.ARGO_CD, options);
  }

  /**
   * Flux: each stage in a folder of its own with a kustomization.yaml, and one Flux Kustomization per
   * stage in `flux/`, each depending on the one before (needs Flux 2.9 or later for the ignore rules
   * that keep the autoscaler's values).
   */
  public static flux(options: FluxOptions): GitOps {
    return new GitOps(GitOpsFlavour.FLUX, undefined, options);
  }

  /**
   * @param flavour the flavour
   * @param argoCdOptions its Argo CD options
   * @param fluxOptions its Flux options
   */
  private constructor(
    /** The flavour. */
    public readonly flavour: GitOpsFlavour,
    /** The Argo CD options, for GitOpsFlavour.ARGO_CD. */
    public readonly argoCdOptions?: ArgoCdOptions,
    /** The Flux options, for GitOpsFlavour.FLUX. */
    public readonly fluxOptions?: FluxOptions) {}
}
