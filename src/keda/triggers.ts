import {
  genericTrigger, GenericTriggerProps, prometheusTrigger, PrometheusTriggerProps, resourceTrigger, ResourceTriggerProps,
} from './basic-triggers';
import { azureEventHubTrigger, AzureEventHubTriggerProps } from './event-hub-trigger';
import { kafkaTrigger } from './kafka-rules';
import { KafkaTriggerProps } from './kafka-trigger';
import { ClusterTriggerAuthentication, TriggerAuthentication } from './trigger-authentication';
import { ITriggerAuthentication } from './trigger-authentication-props';
import { authInfo, MetricType, TriggerContext, TriggerDefinition, TriggerReport } from './trigger-options';
import { JsonObject } from '../common/manifest';

// Scalers whose metrics the HPA cannot serve from KEDA's cache (ValidateTriggers in
// v2.20.2:apis/keda/v1alpha1/scaledobject_webhook.go).
const NO_CACHED_METRICS = ['cpu', 'memory', 'cron'];

/**
 * One trigger of a ScaledObject: a scaler type and its metadata.
 *
 * Every value is emitted literally into the ScaledObject's spec, never read from the target's
 * environment (`...FromEnv`), so that any change of a setting changes the spec; KEDA rebuilds its
 * scalers only then (keda#5915). Rules that depend on the KEDA release or the target are checked
 * when the trigger is given to a ScaledObject.
 */
export class ScalerTrigger {
  /** Consumer-group lag of a Kafka topic (`kafka`, the Sarama-based scaler). */
  public static kafka(props: KafkaTriggerProps): ScalerTrigger {
    return new ScalerTrigger(kafkaTrigger(props));
  }

  /** Unprocessed events of an Azure Event Hub (`azure-eventhub`). */
  public static azureEventHub(props: AzureEventHubTriggerProps): ScalerTrigger {
    return new ScalerTrigger(azureEventHubTrigger(props));
  }

  /** The value of a Prometheus query (`prometheus`). */
  public static prometheus(props: PrometheusTriggerProps): ScalerTrigger {
    return new ScalerTrigger(prometheusTrigger(props));
  }

  /** CPU use of the target's pods (`cpu`); the containers need CPU requests. */
  public static cpu(props: ResourceTriggerProps): ScalerTrigger {
    return new ScalerTrigger(resourceTrigger('cpu', props));
  }

  /** Memory use of the target's pods (`memory`); the containers need memory requests. */
  public static memory(props: ResourceTriggerProps): ScalerTrigger {
    return new ScalerTrigger(resourceTrigger('memory', props));
  }

  /** Any other scaler, by type and metadata (`...FromEnv` keys and secrets are refused). */
  public static generic(props: GenericTriggerProps): ScalerTrigger {
    return new ScalerTrigger(genericTrigger(props));
  }

  /** The scaler type, for example `kafka`. */
  public readonly type: string;

  /** The trigger's name, if any. */
  public readonly name?: string;

  /** The metric type given, if any (see `ScaledObject` for the one emitted). */
  public readonly metricType?: MetricType;

  /** Whether cached metrics are used, if set. */
  public readonly useCachedMetrics?: boolean;

  /** The authentication, if any. */
  public readonly authentication?: ITriggerAuthentication;

  private readonly definition: TriggerDefinition;

  private constructor(definition: TriggerDefinition) {
    this.definition = definition;
    this.type = definition.type;
    this.name = definition.options.name;
    this.metricType = definition.options.metricType;
    this.useCachedMetrics = definition.options.useCachedMetrics;
    this.authentication = definition.options.authentication;
  }

  /** The trigger metadata as emitted: every value a string. */
  public get metadata(): { [key: string]: string } {
    return { ...this.definition.metadata };
  }

  /** Whether this is a cpu or memory trigger (a Resource metric of the pods). @internal */
  public get _isResource(): boolean {
    return this.definition.resource === true || this.type === 'cpu' || this.type === 'memory';
  }

  /**
   * The rules of this trigger alone, for a ScaledObject of `context.release` whose target may have
   * no pods; messages are `<field>: <value> <rule>. <hint>`.
   * @internal
   */
  public _errors(context: TriggerContext, podlessReason?: string): string[] {
    const r = new TriggerReport(context);
    const o = this.definition.options;
    r.text('name', o.name, false);
    r.member('metricType', o.metricType, MetricType);
    // pkg/scalers/scaler.go GetMetricTargetType: Utilization is for resource metrics only.
    if (o.metricType === MetricType.UTILIZATION && !this._isResource) {
      r.add('metricType', o.metricType, `is only valid for cpu and memory triggers, not ${this.type}`, 'Use AverageValue or Value');
    }
    if (o.useCachedMetrics !== undefined && NO_CACHED_METRICS.includes(this.type)) {
      r.add('useCachedMetrics', o.useCachedMetrics, `is not allowed on a ${this.type} trigger`);
    }
    if (podlessReason !== undefined) {
      // Resource metrics and Value targets count ready pods of the /scale selector (kubernetes#124040).
      if (this._isResource) {
        r.add('type', this.type, `cannot scale a target without pods (the target ${podlessReason})`, 'Use an event trigger such as kafka');
      } else if (o.metricType === MetricType.VALUE) {
        r.add('metricType', o.metricType, `cannot be used for a target without pods (the target ${podlessReason}): the HPA counts pods for Value targets`,
          'Use AverageValue (or leave metricType unset)');
      }
    }
    const auth = o.authentication;
    if ((auth instanceof TriggerAuthentication || auth instanceof ClusterTriggerAuthentication) && auth.release.version !== context.release.version) {
      r.add('authentication', auth.node.path, `uses KEDA ${auth.release.version}, but the ScaledObject uses KEDA ${context.release.version}`,
        'Give both the same KedaRelease');
    }
    this.definition.check?.(r, authInfo(auth));
    return r.messages;
  }

  /** The trigger as it appears in `spec.triggers`. @internal */
  public _render(metricType: MetricType | undefined): JsonObject {
    const auth = this.definition.options.authentication;
    return {
      type: this.type,
      name: this.name,
      metadata: { ...this.definition.metadata },
      metricType,
      useCachedMetrics: this.useCachedMetrics,
      authenticationRef: auth ? { name: auth.name, kind: auth.kind } : undefined,
    };
  }
}
