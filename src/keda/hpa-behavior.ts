import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { fieldError } from '../validation';

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

/** Whole seconds of `duration` within [min, max]; fractions are refused, since KEDA fields are int32 seconds. */
export function wholeSeconds(scope: IConstruct, field: string, duration: Duration | undefined, min: number, max?: number): number | undefined {
  if (duration === undefined) {
    return undefined;
  }
  const seconds = duration.toSeconds({ integral: false });
  const shown = `${seconds}s`;
  if (!Number.isInteger(seconds)) {
    throw fieldError(scope, field, shown, 'is not a whole number of seconds', 'The field holds seconds; round it');
  }
  if (seconds < min || (max !== undefined && seconds > max)) {
    throw fieldError(scope, field, shown, max === undefined ? `must be at least ${min} second${min === 1 ? '' : 's'}` : `must be between ${min} and ${max} seconds`);
  }
  return seconds;
}

export function renderHpaBehavior(scope: IConstruct, field: string, behavior: HpaBehavior | undefined): any {
  if (behavior === undefined) {
    return undefined;
  }
  const rules = (direction: string, r: HpaScalingRules | undefined) => {
    if (r === undefined) {
      return undefined;
    }
    const at = `${field}.${direction}`;
    if (r.selectPolicy !== undefined && !Object.values(HpaSelectPolicy).includes(r.selectPolicy)) {
      throw fieldError(scope, `${at}.selectPolicy`, r.selectPolicy, `is not one of ${Object.values(HpaSelectPolicy).join(', ')}`);
    }
    return {
      stabilizationWindowSeconds: wholeSeconds(scope, `${at}.stabilizationWindow`, r.stabilizationWindow, 0, 3600),
      selectPolicy: r.selectPolicy,
      policies: r.policies?.map((p, i) => {
        if (!Object.values(HpaScalingPolicyType).includes(p.type)) {
          throw fieldError(scope, `${at}.policies[${i}].type`, p.type, `is not one of ${Object.values(HpaScalingPolicyType).join(', ')}`);
        }
        if (!Number.isSafeInteger(p.value) || p.value <= 0) {
          throw fieldError(scope, `${at}.policies[${i}].value`, p.value, 'must be an integer > 0');
        }
        return { type: p.type, value: p.value, periodSeconds: wholeSeconds(scope, `${at}.policies[${i}].period`, p.period, 1, 1800) };
      }),
    };
  };
  return { scaleUp: rules('scaleUp', behavior.scaleUp), scaleDown: rules('scaleDown', behavior.scaleDown) };
}
