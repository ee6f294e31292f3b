import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { fieldError } from '../common/field-errors';
import { checkInput, construct, instanceOf, STRING, struct } from '../common/input-shape';

/**
 * What the library uses of a cdk8s-plus workload: `markHasAutoscaler()` from cdk8s-plus's `IScalable`,
 * which every cdk8s-plus-2x Deployment and StatefulSet has (cdk8s-plus-28 to -33 alike).
 */
interface Autoscalable extends IConstruct {
  markHasAutoscaler(): void;
}

// A module constant: the library calls ScaleTarget.of() for every autoscaled connector.
const SCALE_TARGET_PROPS_SHAPE = struct('ScaleTargetProps', { apiVersion: STRING, kind: STRING, name: STRING, namespace: STRING },
  ['apiVersion', 'kind', 'name']);

const isAutoscalable = (c: IConstruct): c is Autoscalable => typeof (c as Partial<Autoscalable>).markHasAutoscaler === 'function';

/** What a ScaledObject scales, by reference. */
export interface ScaleTargetProps {
  /** API version of the target, for example `apps/v1` or `kafka.strimzi.io/v1beta2`. */
  readonly apiVersion: string;

  /** Kind of the target; it must have a `/scale` subresource. */
  readonly kind: string;

  /** Name of the target. */
  readonly name: string;

  /**
   * Namespace of the target; a ScaledObject scales only targets in its own namespace.
   *
   * @default - the ScaledObject's namespace
   */
  readonly namespace?: string;
}

/**
 * The workload a ScaledObject scales (`spec.scaleTargetRef`): a Deployment, a StatefulSet or any
 * custom resource with a `/scale` subresource.
 */
export class ScaleTarget {
  /** A target by API version, kind and name. */
  public static of(props: ScaleTargetProps): ScaleTarget {
    checkInput('ScaleTarget.of', 'props', props, SCALE_TARGET_PROPS_SHAPE);
    return new ScaleTarget(props.apiVersion, props.kind, props.name, props.namespace);
  }

  /** The object that `apiObject` emits. */
  public static fromApiObject(apiObject: ApiObject): ScaleTarget {
    checkInput('ScaleTarget.fromApiObject', 'apiObject', apiObject, instanceOf('ApiObject', () => ApiObject, 'new ApiObject() of cdk8s'));
    return new ScaleTarget(apiObject.apiVersion, apiObject.kind, apiObject.name, apiObject.metadata.namespace);
  }

  /**
   * A Deployment (or StatefulSet) of cdk8s-plus, from any of cdk8s-plus-28 to cdk8s-plus-33. A
   * ScaledObject on it marks it as autoscaled, so its manifest leaves `replicas` to the HPA (otherwise
   * every apply would reset what the HPA chose).
   *
   * Typed as a construct so that a workload of every cdk8s-plus version fits, in every language (each
   * cdk8s-plus version has classes of its own); anything else is refused when called.
   *
   * @param deployment a `Deployment` or `StatefulSet` of cdk8s-plus-28 ... cdk8s-plus-33
   */
  public static fromDeployment(deployment: IConstruct): ScaleTarget {
    checkInput('ScaleTarget.fromDeployment', 'deployment', deployment, construct('a Deployment or StatefulSet of cdk8s-plus'));
    const apiObject = deployment.node.tryFindChild('Resource');
    if (!isAutoscalable(deployment) || !(apiObject instanceof ApiObject)) {
      throw fieldError(deployment, 'deployment', deployment.node.path, 'is not a Deployment or StatefulSet of cdk8s-plus (it has no markHasAutoscaler())',
        'Pass a workload of cdk8s-plus-28 ... cdk8s-plus-33, or target: ScaleTarget.fromApiObject(...) for any other object with a /scale subresource');
    }
    return new ScaleTarget(apiObject.apiVersion, apiObject.kind, apiObject.name, apiObject.metadata.namespace, undefined, deployment);
  }

  /** API version, for example `apps/v1`. */
  public readonly apiVersion: string;

  /** Kind, for example `Deployment`. */
  public readonly kind: string;

  /** Name. */
  public readonly name: string;

  /** Namespace, when known. */
  public readonly namespace?: string;

  /**
   * Why the target has no pods of its own, when it has none (for example a KafkaConnector, whose
   * `/scale` sets `spec.tasksMax`). Then the HPA cannot count pods: cpu/memory triggers and `Value`
   * metrics (both count ready pods, kubernetes#124040) are refused, every trigger uses
   * `AverageValue`, and replicas never go below 1.
   * @internal
   */
  public readonly _podlessReason?: string;

  /**
   * The cdk8s-plus workload behind the target, if any.
   * @internal
   */
  public readonly _scalable?: Autoscalable;

  private constructor(apiVersion: string, kind: string, name: string, namespace?: string, podlessReason?: string, scalable?: Autoscalable) {
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.name = name;
    this.namespace = namespace;
    this._podlessReason = podlessReason;
    this._scalable = scalable;
  }

  /** The API group (empty for the core group). */
  public get apiGroup(): string {
    return this.apiVersion.includes('/') ? this.apiVersion.slice(0, this.apiVersion.lastIndexOf('/')) : '';
  }

  /**
   * This target, marked as one without pods; `reason` completes "the target ..." in error messages,
   * for example `is a KafkaConnector: its /scale sets spec.tasksMax, and tasks are not pods`.
   * @internal
   */
  public _withoutPods(reason: string): ScaleTarget {
    return new ScaleTarget(this.apiVersion, this.kind, this.name, this.namespace, reason, this._scalable);
  }
}

/** The shape of a `ScaleTarget`. */
export const SCALE_TARGET_SHAPE = instanceOf('ScaleTarget', () => ScaleTarget, 'ScaleTarget.of(), .fromDeployment() or .fromApiObject()');
