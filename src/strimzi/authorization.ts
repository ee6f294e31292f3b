import { arrayOf, BOOLEAN, checkInput, STRING, struct } from '../common/input-shape';

/** Options of simple authorization. */
export interface SimpleAuthorizationOptions {
  /**
   * Principals with unlimited rights, for example `User:CN=admin` or `User:admin`.
   *
   * @default - none
   */
  readonly superUsers?: string[];
}

/** Options of custom authorization. */
export interface CustomAuthorizationOptions {
  /** The authorizer class, which must be on the broker classpath. */
  readonly authorizerClass: string;

  /**
   * Principals with unlimited rights.
   *
   * @default - none
   */
  readonly superUsers?: string[];

  /**
   * Whether the authorizer supports the Kafka Admin API for ACLs (then KafkaUser ACLs work).
   *
   * @default false
   */
  readonly supportsAdminApi?: boolean;
}

/** Authorization of a Kafka cluster (Kafka CRD `spec.kafka.authorization`). */
export class KafkaAuthorization {
  /** Kafka's built-in ACL authorizer; KafkaUsers carry the ACLs. */
  public static simple(options: SimpleAuthorizationOptions = {}): KafkaAuthorization {
    checkInput('KafkaAuthorization.simple', 'options', options, struct('SimpleAuthorizationOptions', { superUsers: arrayOf(STRING) }));
    return new KafkaAuthorization('simple', true, { superUsers: options.superUsers });
  }

  /** A custom authorizer. */
  public static custom(options: CustomAuthorizationOptions): KafkaAuthorization {
    checkInput('KafkaAuthorization.custom', 'options', options, struct('CustomAuthorizationOptions', {
      authorizerClass: STRING, superUsers: arrayOf(STRING), supportsAdminApi: BOOLEAN,
    }, ['authorizerClass']));
    return new KafkaAuthorization('custom', options.supportsAdminApi ?? false, {
      authorizerClass: options.authorizerClass,
      superUsers: options.superUsers,
      supportsAdminApi: options.supportsAdminApi,
    });
  }

  private constructor(
    /** `simple` or `custom`. */
    public readonly type: string,
    /** Whether KafkaUser ACLs take effect. */
    public readonly managesAcls: boolean,
    private readonly fields: { [key: string]: unknown }) {}

  /** @internal */
  public _render(): any {
    const fields = Object.fromEntries(Object.entries(this.fields).filter(([, v]) => v !== undefined));
    return { type: this.type, ...fields };
  }
}
