import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { LagSource } from './lag-trigger';
import { joinedId } from '../common/construct-ids';
import { fieldError } from '../common/field-errors';
import { markGenerated, vacantGeneratedId } from '../common/input-shape';
import { KedaRelease } from '../keda/release';
import { TriggerAuthentication } from '../keda/trigger-authentication';
import { ITriggerAuthentication } from '../keda/trigger-authentication-props';
import { AclOperation, AclResource, KafkaAcl } from '../strimzi/acl';
import { boundedAcls, LITERAL_ACL_LIMIT } from '../strimzi/acl-cover';
import type { Kafka } from '../strimzi/kafka';
import { KafkaListener } from '../strimzi/listener';
import { KafkaUser, KafkaUserAuthentication } from '../strimzi/user';

// KEDA's kafka scaler authenticates as a read-only KafkaUser of its own: Describe on the groups and
// topics it watches is what lag monitoring needs (OffsetFetch, ListOffsets, Metadata). Its
// TriggerAuthentication points at Secrets only (the cluster CA and the user's Secret), never at
// values. A SCRAM user's Secret has no username key, so the username comes from a ConfigMap.
// One user per cluster and listener; one TriggerAuthentication per cluster, listener and revision.

/** What the platform gives every autoscaling it builds: the KEDA release, if any, and the credentials. */
export interface ScalingContext {
  readonly keda?: KedaRelease;
  readonly credentials: ScalerCredentials;
}

/** Who asks for credentials, from where, and for which lag. */
export interface CredentialsRequest extends LagSource {
  /** The construct whose input it is, for error messages. */
  readonly client: IConstruct;
  /** The namespace of the ScaledObject, where the TriggerAuthentication must be. */
  readonly namespace: string;
  /** The credentials revision, part of the TriggerAuthentication's name. */
  readonly revision?: string;
  /** The KEDA release of the ScaledObject. */
  readonly release: KedaRelease;
  /**
   * Grants the ACLs only while this holds at synthesis, for a trigger that may not be emitted (the
   * workers' per-connector triggers, replaced by one prometheus trigger beyond a number of
   * connectors); always when undefined.
   */
  readonly grantWhile?: () => boolean;
}

interface ScalerUser {
  readonly user?: KafkaUser;
  /**
   * ACLs granted so far, as `<resource type>/<name>`, in the order first granted: for good (true), or
   * while one of the conditions holds at synthesis.
   */
  readonly granted: Map<string, true | Array<() => boolean>>;
}

/** The read-only KafkaUsers and the TriggerAuthentications KEDA reads consumer lag with, for one platform. */
export class ScalerCredentials {
  /** by Kafka cluster, then listener */
  private readonly users = new Map<Kafka, Map<string, ScalerUser>>();
  /** by Kafka cluster, then listener and revision */
  private readonly authentications = new Map<Kafka, Map<string, TriggerAuthentication>>();

  /** ids of the username ConfigMaps made so far */
  private readonly usernameMaps = new Set<string>();

  /** @param scope where the TriggerAuthentications and ConfigMaps go (the autoscaling stage) */
  constructor(private readonly scope: Construct) {}

  /**
   * The TriggerAuthentication a lag trigger on `request.listener` uses from `request.namespace`,
   * created on first use, or undefined when the listener needs no credentials. Grants the scaler user
   * Describe on the group and topics.
   */
  public authenticationFor(request: CredentialsRequest): ITriggerAuthentication | undefined {
    const { kafka, listener, client } = request;
    const authType = listener.authentication?.type;
    if (!listener.tls && authType === undefined) {
      return undefined;
    }
    if (authType === 'custom') {
      throw fieldError(client, 'listener', listener.name, 'uses custom authentication, which this library cannot wire for KEDA',
        'Choose a listener with tls or scram-sha-512 authentication, or pass your own authentication');
    }
    if (request.namespace !== kafka.namespace) {
      throw fieldError(client, 'namespace', request.namespace, `differs from the Kafka cluster's namespace (${kafka.namespace}), where its CA and user Secrets are; `
        + 'a TriggerAuthentication can only read Secrets of the ScaledObject\'s namespace',
      'Run the workload in the Kafka namespace, or pass authentication (a TriggerAuthentication in its namespace or a ClusterTriggerAuthentication)');
    }
    const user = this.userFor(kafka, listener);
    grant(kafka, user, request.consumerGroup, request.topics, request.grantWhile);
    const byKey = mapIn(this.authentications, kafka);
    const key = `${listener.name}/${request.revision ?? ''}`;
    let authentication = byKey.get(key);
    if (!authentication) {
      authentication = this.newAuthentication(request, user.user);
      byKey.set(key, authentication);
    }
    return authentication;
  }

  private userFor(kafka: Kafka, listener: KafkaListener): ScalerUser {
    const byListener = mapIn(this.users, kafka);
    let user = byListener.get(listener.name);
    if (!user) {
      user = { user: scalerUser(kafka, listener), granted: new Map() };
      byListener.set(listener.name, user);
    }
    return user;
  }

  private newAuthentication(request: CredentialsRequest, user: KafkaUser | undefined): TriggerAuthentication {
    const { kafka, listener, revision } = request;
    const secretTargetRefs = [];
    const configMapTargetRefs = [];
    if (listener.tls) {
      secretTargetRefs.push({ parameter: 'ca', name: kafka.clusterCaCertSecret, key: 'ca.crt' });
    }
    if (user?.authentication?.type === 'tls') {
      secretTargetRefs.push({ parameter: 'cert', name: user.secretName, key: 'user.crt' }, { parameter: 'key', name: user.secretName, key: 'user.key' });
    } else if (user) {
      secretTargetRefs.push({ parameter: 'password', name: user.secretName, key: 'password' });
      configMapTargetRefs.push({ parameter: 'username', name: this.usernameConfigMap(kafka, user), key: 'username' });
    }
    const id = vacantGeneratedId(this.scope, joinedId('auth', kafka.namespace, kafka.name, listener.name, ...(revision === undefined ? [] : [revision])),
      `the TriggerAuthentication KEDA reads consumer lag with from Kafka ${kafka.node.path} through listener ${listener.name}`);
    return markGenerated(new TriggerAuthentication(this.scope, id, {
      release: request.release,
      baseName: `${kafka.name}-${listener.name}-keda`,
      namespace: kafka.namespace,
      secretTargetRefs,
      configMapTargetRefs,
      credentialsRevision: revision,
    }), `the credentials KEDA reads consumer lag with from Kafka ${kafka.node.path} through listener ${listener.name}`);
  }

  // A SCRAM user's Secret holds only the password; KEDA reads the username from this ConfigMap.
  private usernameConfigMap(kafka: Kafka, user: KafkaUser): string {
    const name = `${user.name}-username`;
    const id = joinedId('configmap', kafka.namespace, name);
    if (!this.usernameMaps.has(id)) {
      this.usernameMaps.add(id);
      const configMap = new ApiObject(this.scope, vacantGeneratedId(this.scope, id, `the ConfigMap with the username of KafkaUser ${user.node.path}, for KEDA`), {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, namespace: kafka.namespace },
        data: { username: user.name },
      });
      markGenerated(configMap, `the username of KafkaUser ${user.node.path}, for KEDA`);
    }
    return name;
  }
}

function mapIn<K, V>(outer: Map<K, Map<string, V>>, key: K): Map<string, V> {
  let inner = outer.get(key);
  if (!inner) {
    inner = new Map();
    outer.set(key, inner);
  }
  return inner;
}

function scalerUser(kafka: Kafka, listener: KafkaListener): KafkaUser | undefined {
  const type = listener.authentication?.type;
  if (type === undefined) {
    return undefined;
  }
  const why = `the KafkaUser KEDA reads consumer lag with through listener ${listener.name}`;
  return markGenerated(kafka.addUser(vacantGeneratedId(kafka, joinedId('keda', listener.name), why), {
    name: `${kafka.name}-keda-${listener.name}`,
    authentication: type === 'tls' ? KafkaUserAuthentication.tls() : KafkaUserAuthentication.scramSha512(),
  }), why);
}

// Every ACL of the scaler users is Describe: one list, shared.
const DESCRIBE = Object.freeze([AclOperation.DESCRIBE]) as AclOperation[];

function grant(kafka: Kafka, access: ScalerUser, group: string, topics: string[], grantWhile: (() => boolean) | undefined) {
  if (!access.user || !kafka.authorization?.managesAcls) {
    return;
  }
  if (access.granted.size === 0) {
    access.user._addAclSource(() => scalerAcls(access.granted));
  }
  // No topic: the scaler reads every topic the group has offsets for.
  for (const key of [`group/${group}`, ...(topics.length > 0 ? topics : ['*']).map(topic => `topic/${topic}`)]) {
    const conditions = access.granted.get(key);
    if (grantWhile === undefined) {
      access.granted.set(key, true); // a Map keeps the position of a key that is set again
    } else if (conditions === undefined) {
      access.granted.set(key, [grantWhile]);
    } else if (conditions !== true && !conditions.includes(grantWhile)) {
      conditions.push(grantWhile);
    }
  }
}

// Describe on every group and topic granted, in the order granted while there are few; beyond
// LITERAL_ACL_LIMIT of a type, prefix ACLs that keep the KafkaUser's size bounded (acl-cover.ts).
function scalerAcls(grants: Map<string, true | Array<() => boolean>>): KafkaAcl[] {
  const granted = [...grants].filter(([, conditions]) => conditions === true || conditions.some(holds => holds()))
    .map(([key]) => ({ group: key.startsWith('group/'), name: key.slice(key.indexOf('/') + 1) }));
  const groups = granted.filter(g => g.group).map(g => g.name);
  const topics = granted.filter(g => !g.group).map(g => g.name);
  if (groups.length <= LITERAL_ACL_LIMIT && topics.length <= LITERAL_ACL_LIMIT) {
    return granted.map(({ group, name }) => ({ resource: group ? AclResource.group(name) : AclResource.topic(name), operations: DESCRIBE }));
  }
  // The literal topic `*` is every topic: no prefix can add to it.
  const topicAcls = topics.includes('*') ? [{ resource: AclResource.topic('*'), operations: DESCRIBE }] : boundedAcls('topic', topics, DESCRIBE);
  return [...boundedAcls('group', groups, DESCRIBE), ...topicAcls];
}
