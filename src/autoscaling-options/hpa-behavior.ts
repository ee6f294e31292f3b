import { Duration } from 'cdk8s';
import { arrayOf, DURATION, NUMBER, STRING, struct } from '../common/input-shape';

// advanced.horizontalPodAutoscalerConfig.behavior: KEDA copies it into the HPA unchanged, so the
// autoscaling/v2 rules apply (k8s.io/api/autoscaling/v2 HPAScalingRules and HPAScalingPolicy).

/** Which policy wins when several allow a change (`selectPolicy`). */
export enum HpaSelectPolicy {
  /** The policy that allows the largest change (Kubernetes' default). */
  MAX = 'Max',
  /** The policy that allows the smallest change. */
  MIN = 'Min',
  /** No scaling in this direction. */
  DISABLED = 'Disabled',
}

/** Unit of an HPA scaling policy's `value`. */
export enum HpaScalingPolicyType {
  /** An absolute number of pods. */
  PODS = 'Pods',
  /** A percentage of the current replicas. */
  PERCENT = 'Percent',
}

/** How much the HPA may change the replicas within a period. */
export interface HpaScalingPolicy {
  /** Unit of `value`. */
  readonly type: HpaScalingPolicyType;

  /** The allowed change, > 0. */
  readonly value: number;

  /** The period the change is measured over, 1 second to 30 minutes. */
  readonly period: Duration;
}

/** Scaling rules for one direction. */
export interface HpaScalingRules {
  /**
   * Past recommendations considered before changing replicas, 0 to 1 hour.
   *
   * @default - 0 for scale up, 5 minutes for scale down
   */
  readonly stabilizationWindow?: Duration;

  /**
   * Which policy wins.
   *
   * @default HpaSelectPolicy.MAX
   */
  readonly selectPolicy?: HpaSelectPolicy;

  /**
   * The policies.
   *
   * @default - Kubernetes' defaults (scale up: 4 pods or 100% per 15 s; scale down: 100% per 15 s)
   */
  readonly policies?: HpaScalingPolicy[];
}

/** autoscaling/v2 HPA behavior. */
export interface HpaBehavior {
  /**
   * Rules for scaling up.
   *
   * @default - Kubernetes' defaults
   */
  readonly scaleUp?: HpaScalingRules;

  /**
   * Rules for scaling down.
   *
   * @default - Kubernetes' defaults
   */
  readonly scaleDown?: HpaScalingRules;
}

const RULES_SHAPE = struct('HpaScalingRules', {
  stabilizationWindow: DURATION,
  selectPolicy: STRING, // members: checked where the behavior is rendered (keda/hpa-behavior.ts)
  policies: arrayOf(struct('HpaScalingPolicy', {
    type: STRING, value: NUMBER, period: DURATION,
  }, ['type', 'value', 'period'])),
});

/** The shape of `HpaBehavior`. */
export const HPA_BEHAVIOR_SHAPE = struct('HpaBehavior', { scaleUp: RULES_SHAPE, scaleDown: RULES_SHAPE });
