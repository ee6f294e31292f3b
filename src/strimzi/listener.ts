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

// Listener rules from the Kafka CRD (`listeners[].name` pattern ^[a-z0-9]{1,11}$, `port` minimum 9092
// and its description: 9404 and 9999 are taken by Prometheus and JMX) and the Strimzi listener docs
// (route, ingress and tlsroute listeners pass TLS through; tls authentication needs a TLS listener).
export const LISTENER_NAME = /^[a-z0-9]{1,11}$/;
export const RESERVED_LISTENER_PORTS = [9404, 9999];
export const TLS_ONLY_LISTENER_TYPES = [KafkaListenerType.ROUTE, KafkaListenerType.INGRESS, KafkaListenerType.TLSROUTE];
/** tlsroute listeners exist from Strimzi 1.1.0 (domain-strimzi.md §8). */
export const TLSROUTE_SINCE = '1.1.0';

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
