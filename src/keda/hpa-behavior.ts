import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { HpaBehavior, HpaScalingPolicyType, HpaScalingRules, HpaSelectPolicy } from '../autoscaling-options/hpa-behavior';
import { fieldError } from '../common/field-errors';

// advanced.horizontalPodAutoscalerConfig.behavior: KEDA copies it into the HPA unchanged, so the
// autoscaling/v2 rules apply (k8s.io/api/autoscaling/v2 HPAScalingRules and HPAScalingPolicy).

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
