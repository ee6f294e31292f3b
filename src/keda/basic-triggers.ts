import { MetricType, metadataOf, metadataValue, TRIGGER_OPTIONS_FIELDS, TriggerDefinition, TriggerOptions } from './trigger-options';
import { ANY, BOOLEAN, mapOf, NUMBER, STRING, struct } from '../common/input-shape';

// prometheus (v2.20.2:pkg/scalers/prometheus_scaler.go), cpu/memory (pkg/scalers/cpu_memory_scaler.go)
// and any other scaler by type and metadata.

/** Properties of `ScalerTrigger.prometheus()`. */
export interface PrometheusTriggerProps extends TriggerOptions {
  /** URL of the Prometheus server, for example `http://prometheus.monitoring.svc:9090`. */
  readonly serverAddress: string;

  /** PromQL query returning one value. */
  readonly query: string;

  /** Target value per replica. */
  readonly threshold: number;

  /**
   * Value above which the trigger is active (scales from zero).
   *
   * @default 0
   */
  readonly activationThreshold?: number;

  /**
   * Tenant namespace for multi-tenant servers such as Thanos.
   *
   * @default - none
   */
  readonly namespace?: string;

  /**
   * Treat an empty query result as 0 instead of an error.
   *
   * @default true
   */
  readonly ignoreNullValues?: boolean;

  /**
   * Skip TLS certificate verification.
   *
   * @default false
   */
  readonly unsafeSsl?: boolean;
}

/** Properties of `ScalerTrigger.cpu()` and `ScalerTrigger.memory()`. */
export interface ResourceTriggerProps {
  /** `UTILIZATION` (percent of the pods' requests) or `AVERAGE_VALUE` (a quantity per pod). */
  readonly metricType: MetricType;

  /** The target: a whole percentage such as `'80'` for UTILIZATION, a quantity such as `'500m'` or `'512Mi'` for AVERAGE_VALUE. */
  readonly value: string;

  /**
   * Only this container's usage counts.
   *
   * @default - the sum over all containers of the pod
   */
  readonly containerName?: string;

  /**
   * Name of the trigger, unique in its ScaledObject.
   *
   * @default - no name
   */
  readonly name?: string;
}

/** Properties of `ScalerTrigger.generic()`. */
export interface GenericTriggerProps extends TriggerOptions {
  /** The scaler type, for example `rabbitmq` or `cron`. */
  readonly type: string;

  /** The trigger metadata; numbers and booleans are rendered as strings. Secrets belong in the authentication. */
  readonly metadata: { [key: string]: any };
}

export function prometheusTrigger(props: PrometheusTriggerProps): TriggerDefinition {
  return {
    type: 'prometheus',
    options: props,
    metadata: metadataOf({
      serverAddress: props.serverAddress,
      query: props.query,
      threshold: props.threshold,
      activationThreshold: props.activationThreshold,
      namespace: props.namespace,
      ignoreNullValues: props.ignoreNullValues,
      unsafeSsl: props.unsafeSsl,
    }),
    check: r => {
      if (typeof props.serverAddress !== 'string' || !/^https?:\/\/[^\s/]+/.test(props.serverAddress)) {
        r.add('serverAddress', props.serverAddress, 'is not an http:// or https:// URL');
      }
      r.text('query', props.query, true);
      r.number('threshold', props.threshold, 0, true);
      r.number('activationThreshold', props.activationThreshold, 0, false);
      r.text('namespace', props.namespace, false);
    },
  };
}

const QUANTITY = /^[0-9]+(\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;

export function resourceTrigger(type: 'cpu' | 'memory', props: ResourceTriggerProps): TriggerDefinition {
  return {
    type,
    resource: true,
    options: { name: props.name, metricType: props.metricType },
    metadata: metadataOf({ value: props.value, containerName: props.containerName }),
    check: r => {
      if (props.metricType !== MetricType.UTILIZATION && props.metricType !== MetricType.AVERAGE_VALUE) {
        r.add('metricType', props.metricType, `must be Utilization or AverageValue for a ${type} trigger`);
      } else if (props.metricType === MetricType.UTILIZATION && !/^[1-9][0-9]*$/.test(String(props.value))) {
        r.add('value', props.value, 'must be a whole percentage > 0 with metricType Utilization', 'For example "80"');
      } else if (props.metricType === MetricType.AVERAGE_VALUE && !QUANTITY.test(String(props.value))) {
        r.add('value', props.value, 'must be a Kubernetes quantity with metricType AverageValue', type === 'cpu' ? 'For example "500m"' : 'For example "512Mi"');
      }
      r.text('containerName', props.containerName, false);
    },
  };
}

// Keys that carry secrets in KEDA scalers; in metadata they would end up in the manifest.
const SECRET_KEYS = ['password', 'keyPassword', 'connection', 'connectionString', 'storageConnection', 'token',
  'bearerToken', 'clientSecret', 'apiKey', 'accessKey', 'secretKey', 'awsSecretAccessKey', 'awsAccessKeyID', 'sasToken'];

export function genericTrigger(props: GenericTriggerProps): TriggerDefinition {
  const metadata: { [key: string]: string } = {};
  const invalid = new Array<[string, unknown]>();
  for (const [key, value] of Object.entries(props.metadata ?? {})) {
    if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) {
      metadata[key] = metadataValue(value);
    } else if (value !== undefined) {
      invalid.push([key, value]);
    }
  }
  return {
    type: props.type,
    options: props,
    metadata,
    check: r => {
      if (typeof props.type !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(props.type)) {
        r.add('type', props.type, 'is not a KEDA scaler type (lowercase letters, digits and \'-\')');
      }
      for (const [key, value] of invalid) {
        r.add(`metadata.${key}`, value, 'must be a string, a finite number or a boolean', 'KEDA trigger metadata is a map of strings');
      }
      for (const key of Object.keys(metadata)) {
        if (key.endsWith('FromEnv')) {
          r.add(`metadata.${key}`, metadata[key], 'reads the scale target\'s container environment, which this library never uses',
            'Give the value literally (KEDA does not notice env changes, keda#5915, and custom resources have no containers) or through the authentication');
        } else if (SECRET_KEYS.includes(key)) {
          r.add(`metadata.${key}`, '<redacted>', 'looks like a secret, and trigger metadata is written into the manifest',
            'Provide it through a TriggerAuthentication secretTargetRef');
        }
      }
    },
  };
}

/** The shape of `PrometheusTriggerProps`. */
export const PROMETHEUS_TRIGGER_SHAPE = struct('PrometheusTriggerProps', {
  ...TRIGGER_OPTIONS_FIELDS,
  serverAddress: STRING,
  query: STRING,
  threshold: NUMBER,
  activationThreshold: NUMBER,
  namespace: STRING,
  ignoreNullValues: BOOLEAN,
  unsafeSsl: BOOLEAN,
}, ['serverAddress', 'query', 'threshold']);

/** The shape of `ResourceTriggerProps`. */
export const RESOURCE_TRIGGER_SHAPE = struct('ResourceTriggerProps', {
  metricType: STRING, value: STRING, containerName: STRING, name: STRING,
}, ['metricType', 'value']);

/** The shape of `GenericTriggerProps`. */
export const GENERIC_TRIGGER_SHAPE = struct('GenericTriggerProps', {
  ...TRIGGER_OPTIONS_FIELDS,
  type: STRING,
  metadata: mapOf(ANY),
}, ['type', 'metadata']);
