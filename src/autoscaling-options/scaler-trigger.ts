import { duck, STRING } from '../common/input-shape';

/**
 * A trigger of a ScaledObject, as the autoscaling options of Strimzi resources refer to one.
 *
 * The options are data that the Strimzi resources carry without knowing KEDA; `ScalerTrigger`
 * (`ScalerTrigger.kafka()`, `.prometheus()`, ...) is the implementation, and the autoscaling that
 * reads the options accepts only triggers made with it.
 */
export interface IScalerTrigger {
  /** The scaler type, for example `kafka`. */
  readonly type: string;

  /** The trigger's name, if any. */
  readonly name?: string;
}

/** The shape of an `IScalerTrigger` (the autoscaling that reads it checks that it is a ScalerTrigger). */
export const SCALER_TRIGGER_SHAPE = duck('a ScalerTrigger (ScalerTrigger.kafka(), .prometheus(), ...)', { type: STRING });
