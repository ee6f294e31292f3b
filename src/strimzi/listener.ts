import { IConstruct } from 'constructs';
import type { Kafka } from './kafka';
import { fieldError } from '../common/field-errors';
import { BOOLEAN, checkInput, enumOf, instanceOf, INTEGER, JSON_MAP, STRING, struct } from '../common/input-shape';
import { checkNoLiteralSecrets } from '../common/literal-secrets';

/** How a listener is exposed (Kafka CRD `spec.kafka.listeners[].type`). */
export enum KafkaListenerType {
  /** Inside the Kubernetes cluster, through the `<cluster>-kafka-bootstrap` service. */
  INTERNAL = 'internal',
  /** Inside the cluster, through a ClusterIP service of its own (`<cluster>-kafka-<listener>-bootstrap`). */
  CLUSTER_IP = 'cluster-ip',
  /** OpenShift routes (TLS only). */
  ROUTE = 'route',
  /** A LoadBalancer service per broker. */
  LOADBALANCER = 'loadbalancer',
  /** NodePort services. */
  NODEPORT = 'nodeport',
  /** Ingress with TLS passthrough (TLS only; deprecated in Strimzi 0.51). */
  INGRESS = 'ingress',
  /** Gateway API TLSRoutes (TLS only; Strimzi 1.1 and later). */
  TLSROUTE = 'tlsroute',
}

/** How clients authenticate on a listener (Kafka CRD `listeners[].authentication`). */
export class KafkaListenerAuthentication {
  /** SASL SCRAM-SHA-512 with the passwords of `scram-sha-512` KafkaUsers. */
  public static scramSha512(): KafkaListenerAuthentication {
    return new KafkaListenerAuthentication('scram-sha-512');
  }

  /** Mutual TLS with the certificates of `tls` KafkaUsers; needs a TLS listener. */
  public static tls(): KafkaListenerAuthentication {
    return new KafkaListenerAuthentication('tls');
  }

  /**
   * Any other mechanism, configured with the listener properties Strimzi passes through
   * (`sasl`, `listenerConfig`, `secrets`, ...). The library cannot wire clients to such a listener.
   *
   * @param options fields of the `custom` authentication object
   */
  public static custom(options: { [key: string]: any } = {}): KafkaListenerAuthentication {
    checkInput('KafkaListenerAuthentication.custom', 'options', options, JSON_MAP);
    checkNoLiteralSecrets('KafkaListenerAuthentication.custom', 'options', '', options);
    return new KafkaListenerAuthentication('custom', options);
  }

  private constructor(
    /** `tls`, `scram-sha-512` or `custom`. */
    public readonly type: string,
    private readonly options: { [key: string]: any } = {}) {}

  /** @internal */
  public _render(): any {
    return { ...this.options, type: this.type };
  }
}

/** A listener of the Kafka cluster. */
export interface KafkaListener {
  /** Name: lowercase letters and digits, up to 11 characters, unique in the cluster. */
  readonly name: string;

  /** Port inside Kafka: 9092 or higher, not 9404 or 9999 (Prometheus, JMX), unique in the cluster. */
  readonly port: number;

  /** How the listener is exposed. */
  readonly type: KafkaListenerType;

  /** Whether the listener encrypts traffic with TLS. */
  readonly tls: boolean;

  /**
   * How clients authenticate.
   *
   * @default - no authentication
   */
  readonly authentication?: KafkaListenerAuthentication;

  /**
   * The listener's `configuration` object (bootstrap and broker hosts, certificates, ...), as
   * Strimzi documents it for the listener type.
   *
   * @default - none
   */
  readonly configuration?: { [key: string]: any };
}

/** The shape of `KafkaListener`. */
export const LISTENER_SHAPE = struct('KafkaListener', {
  name: STRING,
  port: INTEGER,
  type: enumOf(KafkaListenerType, 'KafkaListenerType'),
  tls: BOOLEAN,
  authentication: instanceOf('KafkaListenerAuthentication', () => KafkaListenerAuthentication,
    'KafkaListenerAuthentication.tls(), .scramSha512() or .custom()'),
  configuration: JSON_MAP,
}, ['name', 'port', 'type', 'tls']);

// Listener rules from the Kafka CRD (`listeners[].name` pattern ^[a-z0-9]{1,11}$, `port` minimum 9092
// and its description: 9404 and 9999 are taken by Prometheus and JMX) and the Strimzi listener docs
// (route, ingress and tlsroute listeners pass TLS through; tls authentication needs a TLS listener).
const LISTENER_NAME = /^[a-z0-9]{1,11}$/;
const RESERVED_LISTENER_PORTS = [9404, 9999];
const MAX_PORT = 65535;
const TLS_ONLY_LISTENER_TYPES = [KafkaListenerType.ROUTE, KafkaListenerType.INGRESS, KafkaListenerType.TLSROUTE];
/** tlsroute listeners exist from Strimzi 1.1.0 (CHANGELOG 1.1.0: "Support for Gateway API-based `type: tlsroute` listener"). */
const TLSROUTE_SINCE = '1.1.0';

/** Throws when `listener` breaks a rule of its own or clashes with the cluster's other listeners. */
export function checkListener(kafka: Kafka, listener: KafkaListener, others: KafkaListener[]): void {
  checkInput(kafka, `listeners[${others.length}]`, listener, LISTENER_SHAPE);
  const field = `listeners[${listener.name}]`;
  if (!LISTENER_NAME.test(listener.name ?? '')) {
    throw fieldError(kafka, 'listeners[].name', listener.name, 'must be 1-11 lowercase letters and digits (Kafka CRD pattern ^[a-z0-9]{1,11}$)');
  }
  if (others.some(l => l.name === listener.name)) {
    throw fieldError(kafka, `${field}.name`, listener.name, 'is used by another listener of this cluster');
  }
  // The CRD sets only the minimum; the port becomes a container and Service port, which Kubernetes
  // limits to 65535 (kubernetes pkg/apis/core/validation/validation.go, validateContainerPorts).
  if (!Number.isInteger(listener.port) || listener.port < 9092 || listener.port > MAX_PORT || RESERVED_LISTENER_PORTS.includes(listener.port)) {
    throw fieldError(kafka, `${field}.port`, listener.port, `must be an integer from 9092 to ${MAX_PORT} other than 9404 and 9999 (used by Prometheus and JMX)`);
  }
  const clash = others.find(l => l.port === listener.port);
  if (clash) {
    throw fieldError(kafka, `${field}.port`, listener.port, `is already used by listener "${clash.name}"`, 'Each listener needs its own port');
  }
  if (!Object.values(KafkaListenerType).includes(listener.type)) {
    throw fieldError(kafka, `${field}.type`, listener.type, 'must be a KafkaListenerType');
  }
  if (listener.type === KafkaListenerType.TLSROUTE && kafka.release._version.isBelow(TLSROUTE_SINCE)) {
    throw fieldError(kafka, `${field}.type`, listener.type, `needs Strimzi ${TLSROUTE_SINCE} or later, but the release is ${kafka.release.version}`);
  }
  if (TLS_ONLY_LISTENER_TYPES.includes(listener.type) && !listener.tls) {
    throw fieldError(kafka, `${field}.tls`, listener.tls, `must be true for ${listener.type} listeners, which pass TLS through`);
  }
  if (listener.authentication?.type === 'tls' && !listener.tls) {
    throw fieldError(kafka, `${field}.authentication`, 'tls', 'needs a TLS listener (tls: true)');
  }
  const service = bootstrapAddress(kafka.name, kafka.namespace, listener).split('.')[0];
  if (service.length > 63) {
    throw fieldError(kafka, `${field}.name`, listener.name, `makes the bootstrap Service name ${service} longer than 63 characters`);
  }
}

/**
 * The listener an in-cluster client uses: the named one, which must be internal or cluster-ip, or by
 * default the first internal TLS listener, else the first internal one.
 */
export function chooseInClusterListener(client: IConstruct, cluster: string, listeners: KafkaListener[], name: string | undefined,
  why: string): KafkaListener {
  const usable = (l: KafkaListener) => l.type === KafkaListenerType.INTERNAL || l.type === KafkaListenerType.CLUSTER_IP;
  if (name !== undefined) {
    const listener = listeners.find(l => l.name === name);
    if (!listener) {
      throw fieldError(client, 'listener', name, `is not a listener of Kafka "${cluster}"`,
        `Listeners: ${listeners.map(l => l.name).join(', ') || 'none'}`);
    }
    if (!usable(listener)) {
      throw fieldError(client, 'listener', name, `is a ${listener.type} listener; ${why} and needs an internal or cluster-ip listener`);
    }
    return listener;
  }
  const candidates = listeners.filter(usable);
  const chosen = candidates.find(l => l.tls) ?? candidates[0];
  if (!chosen) {
    throw fieldError(client, 'listener', name, `has no default: Kafka "${cluster}" has no internal or cluster-ip listener`,
      'Add one to the cluster first');
  }
  return chosen;
}

/**
 * The in-cluster bootstrap address of a listener, as a fully qualified service name, so that clients
 * in other namespaces (KEDA's operator, for one) resolve it too (keda#1241). Service names as in
 * Strimzi's `ListenersUtils.backwardsCompatibleBootstrapServiceName`: internal listeners share
 * `<cluster>-kafka-bootstrap`, every other listener has `<cluster>-kafka-<listener>-bootstrap`.
 */
export function bootstrapAddress(cluster: string, namespace: string, listener: KafkaListener): string {
  const service = listener.type === KafkaListenerType.INTERNAL
    ? `${cluster}-kafka-bootstrap`
    : `${cluster}-kafka-${listener.name}-bootstrap`;
  return `${service}.${namespace}.svc:${listener.port}`;
}
