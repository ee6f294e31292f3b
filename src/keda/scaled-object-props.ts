import { KEDA_RELEASE_SHAPE, KedaRelease } from './release';
import { SCALE_TARGET_SHAPE, ScaleTarget } from './scale-target';
import { MetricType } from './trigger-options';
import { ScalerTrigger } from './triggers';
import { HPA_BEHAVIOR_SHAPE, HpaBehavior } from '../autoscaling-options/hpa-behavior';
import { SCALED_OBJECT_SETTINGS_FIELDS, ScaledObjectSettings } from '../autoscaling-options/scaled-object-settings';
import { arrayOf, BOOLEAN, enumOf, instanceOf, INTEGER, STRING, struct } from '../common/input-shape';

// What a ScaledObject declares (keda.sh/v1alpha1 ScaledObject spec: kedacore/keda apis/keda/v1alpha1/scaledobject_types.go).

/** One composite metric computed from named triggers (`advanced.scalingModifiers`). */
export interface ScalingModifiers {
  /** An expr-lang formula over trigger names, for example `(lag + queue) / 2`. */
  readonly formula: string;

  /** Target value of the composite metric, a number > 0 such as `'10'`. */
  readonly target: string;

  /**
   * Value above which the composite metric activates the target (scales from zero).
   *
   * @default '0'
   */
  readonly activationTarget?: string;

  /**
   * AverageValue or Value.
   *
   * @default MetricType.AVERAGE_VALUE
   */
  readonly metricType?: MetricType;
}

/** `spec.advanced` of a ScaledObject. */
export interface ScaledObjectAdvanced {
  /**
   * Name of the HPA KEDA creates.
   *
   * @default - `keda-hpa-<ScaledObject name>`
   */
  readonly horizontalPodAutoscalerName?: string;

  /**
   * HPA scaling behavior.
   *
   * @default - Kubernetes' defaults
   */
  readonly behavior?: HpaBehavior;

  /**
   * When the ScaledObject is deleted, set the target back to its replicas from before KEDA.
   *
   * @default false
   */
  readonly restoreToOriginalReplicaCount?: boolean;

  /**
   * Combine the triggers into one metric.
   *
   * @default - one metric per trigger, the HPA takes the highest
   */
  readonly scalingModifiers?: ScalingModifiers;
}

/** Properties of `ScaledObject`. */
export interface ScaledObjectProps extends ScaledObjectSettings {
  /** The KEDA release that will run it. */
  readonly release: KedaRelease;

  /** What to scale. */
  readonly target: ScaleTarget;

  /**
   * Object name, at most 63 characters (KEDA 2.20.0 rejects longer ones, keda#7762).
   *
   * @default - the construct id
   */
  readonly name?: string;

  /**
   * Namespace; the target's.
   *
   * @default - the target's namespace, else the chart's
   */
  readonly namespace?: string;

  /**
   * Replicas when no trigger is active; 0 scales to zero.
   *
   * @default 0
   */
  readonly minReplicas?: number;

  /**
   * Upper bound of replicas.
   *
   * @default 100
   */
  readonly maxReplicas?: number;

  /**
   * Replicas while no trigger is active, below `minReplicas` (usually 0).
   *
   * @default - no idle state
   */
  readonly idleReplicas?: number;

  /**
   * HPA name and behavior, scaling modifiers, restoring replicas on delete.
   *
   * @default - none
   */
  readonly advanced?: ScaledObjectAdvanced;

  /**
   * Stop autoscaling and leave the replicas as they are (annotation `autoscaling.keda.sh/paused`).
   *
   * @default false
   */
  readonly paused?: boolean;

  /**
   * Stop autoscaling and set this many replicas (annotation `autoscaling.keda.sh/paused-replicas`).
   *
   * @default - not paused
   */
  readonly pausedReplicas?: number;

  /**
   * The triggers; more can be added with `addTrigger()`.
   *
   * @default - none yet; at least one is required at synth
   */
  readonly triggers?: ScalerTrigger[];
}

/** The shape of `ScaledObjectProps`. */
export const SCALED_OBJECT_PROPS_SHAPE = struct('ScaledObjectProps', {
  ...SCALED_OBJECT_SETTINGS_FIELDS,
  release: KEDA_RELEASE_SHAPE,
  target: SCALE_TARGET_SHAPE,
  name: STRING,
  namespace: STRING,
  minReplicas: INTEGER,
  maxReplicas: INTEGER,
  idleReplicas: INTEGER,
  advanced: struct('ScaledObjectAdvanced', {
    horizontalPodAutoscalerName: STRING,
    behavior: HPA_BEHAVIOR_SHAPE,
    restoreToOriginalReplicaCount: BOOLEAN,
    scalingModifiers: struct('ScalingModifiers', {
      formula: STRING, target: STRING, activationTarget: STRING, metricType: enumOf(MetricType, 'MetricType'),
    }, ['formula', 'target']),
  }),
  paused: BOOLEAN,
  pausedReplicas: INTEGER,
  triggers: arrayOf(instanceOf('ScalerTrigger', () => ScalerTrigger, 'ScalerTrigger.kafka(), .prometheus(), ...')),
}, ['release', 'target']);
