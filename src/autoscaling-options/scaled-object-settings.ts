import { Duration } from 'cdk8s';

// When and how KEDA acts on a ScaledObject (keda.sh/v1alpha1 ScaledObject spec, kedacore/keda
// apis/keda/v1alpha1/scaledobject_types.go): shared by ScaledObject and every lag-scaled target.

/** What KEDA does with the replicas while a scaler keeps failing (`fallback.behavior`, KEDA 2.17.0+). */
export enum FallbackBehavior {
  /** Set `fallback.replicas` (KEDA's default). */
  STATIC = 'static',
  /** Keep the current replicas. */
  CURRENT_REPLICAS = 'currentReplicas',
  /** The higher of current replicas and `fallback.replicas`. */
  CURRENT_REPLICAS_IF_HIGHER = 'currentReplicasIfHigher',
  /** The lower of current replicas and `fallback.replicas`. */
  CURRENT_REPLICAS_IF_LOWER = 'currentReplicasIfLower',
  /** Evaluate the scalingModifiers formula with the failing metrics' fallback values (KEDA 2.20.0+). */
  SCALING_MODIFIERS = 'scalingModifiers',
}

/** Replicas to use while the scalers fail (`spec.fallback`). */
export interface ScaledObjectFallback {
  /** Consecutive failures before the fallback applies. */
  readonly failureThreshold: number;

  /** Replicas during the fallback. */
  readonly replicas: number;

  /**
   * How `replicas` is applied (KEDA 2.17.0+).
   *
   * @default - KEDA's default, FallbackBehavior.STATIC (not emitted)
   */
  readonly behavior?: FallbackBehavior;
}

/** When KEDA polls and acts, and what it does while scalers fail: settings of every ScaledObject. */
export interface ScaledObjectSettings {
  /**
   * How often KEDA polls the triggers.
   *
   * @default - KEDA's default, 30 seconds
   */
  readonly pollingInterval?: Duration;

  /**
   * Wait after the last active trigger before scaling to `minReplicas` 0 or to `idleReplicas`.
   *
   * @default - KEDA's default, 5 minutes
   */
  readonly cooldownPeriod?: Duration;

  /**
   * Wait after the ScaledObject is created before the first scale to zero (KEDA 2.14.0+).
   *
   * @default - KEDA's default, 0
   */
  readonly initialCooldownPeriod?: Duration;

  /**
   * Replicas to use while the scalers fail.
   *
   * @default - no fallback: on errors the HPA keeps the current replicas
   */
  readonly fallback?: ScaledObjectFallback;
}
