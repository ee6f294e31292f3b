import { Construct } from 'constructs';
import { ACL_SHAPE, KafkaAcl, renderAcl } from './acl';
import type { Kafka } from './kafka';
import { StrimziResource, strimziResourceShape } from './resource';
import { addValidation, fieldError } from '../common/field-errors';
import { arrayOf, checkInput, Fields, instanceOf, NUMBER, STRING, struct, vacantId } from '../common/input-shape';
import { DNS_SUBDOMAIN_RULE, isDnsSubdomain } from '../common/k8s-names';
import { JsonObject } from '../common/manifest';

/** A reference to one key of a Secret. */
export interface SecretKeyRef {
  /** Name of the Secret (in the KafkaUser's namespace). */
  readonly secretName: string;
  /** Key in the Secret. */
  readonly key: string;
}

/** Options of SCRAM-SHA-512 user authentication. */
export interface ScramSha512UserOptions {
  /**
   * A Secret key holding the password to use.
   *
   * @default - the User Operator generates a password
   */
  readonly password?: SecretKeyRef;
}

/** How a KafkaUser authenticates (KafkaUser CRD `spec.authentication.type`). */
export class KafkaUserAuthentication {
  /** A client certificate the User Operator issues (secret keys `user.crt`, `user.key`, `ca.crt`). */
  public static tls(): KafkaUserAuthentication {
    return new KafkaUserAuthentication('tls');
  }

  /** A client certificate issued outside Strimzi; only ACLs and quotas are managed. */
  public static tlsExternal(): KafkaUserAuthentication {
    return new KafkaUserAuthentication('tls-external');
  }

  /** SASL SCRAM-SHA-512 (secret key `password`). */
  public static scramSha512(options: ScramSha512UserOptions = {}): KafkaUserAuthentication {
    checkInput('KafkaUserAuthentication.scramSha512', 'options', options,
      struct('ScramSha512UserOptions', { password: struct('SecretKeyRef', { secretName: STRING, key: STRING }, ['secretName', 'key']) }));
    return new KafkaUserAuthentication('scram-sha-512', options.password);
  }

  private constructor(
    /** `tls`, `tls-external` or `scram-sha-512`. */
    public readonly type: string,
    private readonly password?: SecretKeyRef) {}

  /** @internal */
  public _render(): any {
    return this.password
      ? { type: this.type, password: { valueFrom: { secretKeyRef: { name: this.password.secretName, key: this.password.key } } } }
      : { type: this.type };
  }
}

/** Quotas of a KafkaUser. */
export interface KafkaUserQuotas {
  /**
   * Bytes per second each client group may produce, per broker.
   * @default - no quota
   */
  readonly producerByteRate?: number;
  /**
   * Bytes per second each client group may fetch, per broker.
   * @default - no quota
   */
  readonly consumerByteRate?: number;
  /**
   * Percentage of broker request-handler time each client group may use.
   * @default - no quota
   */
  readonly requestPercentage?: number;
  /**
   * Rate of partition creations and deletions per second.
   * @default - no quota
   */
  readonly controllerMutationRate?: number;
}

/** Options of `Kafka.addUser()`. */
export interface KafkaUserOptions {
  /**
   * metadata.name, which is also the user name and the name of the Secret the User Operator writes.
   *
   * @default - the construct id
   */
  readonly name?: string;

  /**
   * How the user authenticates.
   *
   * @default - none (for users authenticated by other means that only need ACLs or quotas)
   */
  readonly authentication?: KafkaUserAuthentication;

  /**
   * ACL rules (simple authorization); the Kafka cluster must have authorization enabled.
   *
   * @default - none
   */
  readonly acls?: KafkaAcl[];

  /**
   * Quotas.
   *
   * @default - none
   */
  readonly quotas?: KafkaUserQuotas;
}

const USER_FIELDS: Fields = {
  name: STRING,
  authentication: instanceOf('KafkaUserAuthentication', () => KafkaUserAuthentication, 'KafkaUserAuthentication.tls(), .tlsExternal() or .scramSha512()'),
  acls: arrayOf(ACL_SHAPE),
  quotas: struct('KafkaUserQuotas', { producerByteRate: NUMBER, consumerByteRate: NUMBER, requestPercentage: NUMBER, controllerMutationRate: NUMBER }),
};

/** The shape of `KafkaUserOptions`. */
export const USER_OPTIONS_SHAPE = struct('KafkaUserOptions', USER_FIELDS);

const USER_PROPS_SHAPE = struct('KafkaUserProps', { ...USER_FIELDS, kafka: strimziResourceShape('Kafka', 'KafkaPlatform.addKafka()') }, ['kafka']);

/** Properties of `KafkaUser`. */
export interface KafkaUserProps extends KafkaUserOptions {
  /** The Kafka cluster the user belongs to. */
  readonly kafka: Kafka;
}

/**
 * A KafkaUser, labelled for its Kafka cluster so the User Operator manages it. The User Operator
 * writes a Secret with the user's name holding its credentials.
 */
export class KafkaUser extends StrimziResource {
  /** The Kafka cluster. */
  public readonly kafka: Kafka;

  /** How the user authenticates, if at all. */
  public readonly authentication?: KafkaUserAuthentication;

  /** The Secret with the credentials (`password` for SCRAM; `user.crt`, `user.key` for TLS). */
  public readonly secretName: string;

  private readonly acls: KafkaAcl[];
  private readonly aclSources = new Array<() => KafkaAcl[]>();
  private readonly quotas?: KafkaUserQuotas;

  constructor(scope: Construct, id: string, props: KafkaUserProps) {
    const checkedId = vacantId(scope, id, 'KafkaUser', props, USER_PROPS_SHAPE);
    const name = props.name ?? checkedId;
    super(scope, checkedId, {
      kind: 'KafkaUser',
      name,
      namespace: props.kafka.namespace,
      release: props.kafka.release,
      labels: { 'strimzi.io/cluster': props.kafka.name },
    });
    if (!isDnsSubdomain(name)) {
      throw fieldError(this, 'name', name, DNS_SUBDOMAIN_RULE);
    }
    this.kafka = props.kafka;
    this.authentication = props.authentication;
    this.secretName = name;
    this.acls = [];
    this.quotas = props.quotas;
    for (const [field, value] of Object.entries(props.quotas ?? {})) {
      const integer = field !== 'controllerMutationRate';
      if (typeof value !== 'number' || value < 0 || (integer && !Number.isInteger(value))) {
        throw fieldError(this, `quotas.${field}`, value, `must be ${integer ? 'an integer' : 'a number'} >= 0`);
      }
    }
    this.addAcl(...props.acls ?? []);

    addValidation(this, () => {
      const errors = new Array<string>();
      if (!this.kafka.userOperator) {
        errors.push(`KafkaUser "${this.name}" needs the User Operator, which is disabled on Kafka "${this.kafka.name}" (entityOperator.userOperator)`);
      }
      if ((this.acls.length > 0 || this.aclSources.length > 0) && !this.kafka.authorization) {
        errors.push(`acls: KafkaUser "${this.name}" has ACLs, but Kafka "${this.kafka.name}" has no authorization. `
          + 'Set authorization: KafkaAuthorization.simple() on the cluster, or drop the ACLs');
      }
      return errors;
    });
  }

  /** Adds ACL rules. */
  public addAcl(...acls: KafkaAcl[]): void {
    checkInput(this, 'acls', acls, arrayOf(ACL_SHAPE));
    for (const acl of acls) {
      if (!acl.operations || acl.operations.length === 0) {
        throw fieldError(this, 'acls[].operations', acl.operations ?? [], 'must name at least one operation');
      }
      this.acls.push(acl);
    }
  }

  /**
   * Adds ACLs that are computed when the user is rendered, after the ones added with `addAcl()`: the
   * grants of a generated user that follow the connectors and consumers of the platform.
   * @internal
   */
  public _addAclSource(source: () => KafkaAcl[]): void {
    this.aclSources.push(source);
  }

  protected renderSpec(): JsonObject {
    const acls = this.aclSources.length === 0 ? this.acls : this.acls.concat(this.aclSources.flatMap(source => source()));
    return {
      ...(this.authentication ? { authentication: this.authentication._render() } : {}),
      ...(acls.length > 0 ? { authorization: { type: 'simple', acls: acls.map(renderAcl) } } : {}),
      ...(this.quotas && Object.keys(this.quotas).length > 0 ? { quotas: { ...this.quotas } } : {}),
    };
  }
}
