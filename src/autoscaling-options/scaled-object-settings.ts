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

/**
 * When KEDA polls and acts, and what it does while scalers fail: settings of every ScaledObject.
 *
 * KEDA itself only moves the target between 0 (or `idleReplicas`) and `minReplicas`; between
 * `minReplicas` and `maxReplicas` the HPA KEDA creates decides, with its own timing (`behavior`).
 * The two cooldowns belong to the first part only (kedacore/keda pkg/scaling/executor/scale_scaledobjects.go).
 */
export interface ScaledObjectSettings {
  /**
   * How often KEDA checks whether the triggers are active, to scale from 0 (or `idleReplicas`) up to
   * `minReplicas` and back, and to refresh the metrics of triggers with `useCachedMetrics`. Above
   * `minReplicas` the HPA asks for the metrics itself (every 15 seconds by default).
   *
   * @default - KEDA's default, 30 seconds
   */
  readonly pollingInterval?: Duration;

  /**
   * How long the triggers must have been inactive before KEDA scales the target to 0 (`minReplicas`
   * 0) or to `idleReplicas`. It applies to nothing else: with `minReplicas` above 0 and no
   * `idleReplicas` it has no effect, so it is refused there. To slow down scale-in, use the HPA
   * behavior instead (`scaleDown` stabilization window and policies: `behavior` of the lag-scaling
   * options, `advanced.behavior` of a ScaledObject).
   *
   * @default - KEDA's default, 5 minutes
   */
  readonly cooldownPeriod?: Duration;

  /**
   * How long after the ScaledObject is created KEDA waits before that same scale to 0 or to
   * `idleReplicas`, as long as no trigger has been active yet (KEDA 2.14.0+). Like `cooldownPeriod`,
   * refused when `minReplicas` is above 0 and there is no `idleReplicas`.
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
