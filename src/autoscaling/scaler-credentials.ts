import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { TriggerAuthentication } from '../keda/trigger-authentication';
import { ITriggerAuthentication } from '../keda/trigger-authentication-props';
import { AclOperation, AclResource } from '../strimzi/acl';
import type { Kafka } from '../strimzi/kafka';
import { KafkaListener } from '../strimzi/listener';
import { KafkaUser, KafkaUserAuthentication } from '../strimzi/user';
import { fieldError } from '../validation';
import { kedaOf } from './lag-trigger';

// KEDA's kafka scaler authenticates as a read-only KafkaUser of its own: Describe on the groups and
// topics it watches is what lag monitoring needs (OffsetFetch, ListOffsets, Metadata). Its
// TriggerAuthentication points at Secrets only (the cluster CA and the user's Secret), never at
// values. A SCRAM user's Secret has no username key, so the username comes from a ConfigMap.
// One user per cluster and listener; one TriggerAuthentication per cluster, listener and revision.

interface ScalerUser {
  readonly user?: KafkaUser;
  /** ACLs granted so far, as `<resource type>/<name>`. */
  readonly granted: Set<string>;
}

interface KafkaScalers {
  /** by listener */
  readonly users: Map<string, ScalerUser>;
  /** by listener and revision */
  readonly authentications: Map<string, TriggerAuthentication>;
}

const scalersByKafka = new WeakMap<Kafka, KafkaScalers>();

/**
 * The TriggerAuthentication a lag trigger on `listener` uses from `namespace`, created on first use,
 * or undefined when the listener needs no credentials. Grants the scaler user Describe on the group
 * and topics.
 */
export function scalerAuthentication(client: IConstruct, kafka: Kafka, listener: KafkaListener, namespace: string,
  revision: string | undefined, group: string, topics: string[]): ITriggerAuthentication | undefined {
  const authType = listener.authentication?.type;
  if (!listener.tls && authType === undefined) {
    return undefined;
  }
  if (authType === 'custom') {
    throw fieldError(client, 'listener', listener.name, 'uses custom authentication, which this library cannot wire for KEDA',
      'Choose a listener with tls or scram-sha-512 authentication, or pass your own authentication');
  }
  if (namespace !== kafka.namespace) {
    throw fieldError(client, 'namespace', namespace, `differs from the Kafka cluster's namespace (${kafka.namespace}), where its CA and user Secrets are; `
      + 'a TriggerAuthentication can only read Secrets of the ScaledObject\'s namespace',
    'Run the workload in the Kafka namespace, or pass authentication (a TriggerAuthentication in its namespace or a ClusterTriggerAuthentication)');
  }
  let scalers = scalersByKafka.get(kafka);
  if (!scalers) {
    scalers = { users: new Map(), authentications: new Map() };
    scalersByKafka.set(kafka, scalers);
  }
  let user = scalers.users.get(listener.name);
  if (!user) {
    user = { user: scalerUser(kafka, listener), granted: new Set() };
    scalers.users.set(listener.name, user);
  }
  grant(kafka, user, group, topics);
  const key = `${listener.name}/${revision ?? ''}`;
  let authentication = scalers.authentications.get(key);
  if (!authentication) {
    authentication = newAuthentication(kafka, listener, user.user, revision);
    scalers.authentications.set(key, authentication);
  }
  return authentication;
}

function newAuthentication(kafka: Kafka, listener: KafkaListener, user: KafkaUser | undefined, revision: string | undefined): TriggerAuthentication {
  const stage = kafka.platform.autoscalingStage;
  const secretTargetRefs = [];
  const configMapTargetRefs = [];
  if (listener.tls) {
    secretTargetRefs.push({ parameter: 'ca', name: kafka.clusterCaCertSecret, key: 'ca.crt' });
  }
  if (user?.authentication?.type === 'tls') {
    secretTargetRefs.push({ parameter: 'cert', name: user.secretName, key: 'user.crt' }, { parameter: 'key', name: user.secretName, key: 'user.key' });
  } else if (user) {
    const usernames = `${user.name}-username`;
    const id = `configmap-${kafka.namespace}-${usernames}`;
    if (!stage.node.tryFindChild(id)) {
      new ApiObject(stage, id, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: usernames, namespace: kafka.namespace },
        data: { username: user.name },
      });
    }
    secretTargetRefs.push({ parameter: 'password', name: user.secretName, key: 'password' });
    configMapTargetRefs.push({ parameter: 'username', name: usernames, key: 'username' });
  }
  const id = `auth-${kafka.namespace}-${kafka.name}-${listener.name}${revision ? `-${revision.replace(/\//g, '-')}` : ''}`;
  return new TriggerAuthentication(stage, id, {
    release: kedaOf(kafka, kafka.platform, 'autoscaling'),
    baseName: `${kafka.name}-${listener.name}-keda`,
    namespace: kafka.namespace,
    secretTargetRefs,
    configMapTargetRefs,
    credentialsRevision: revision,
  });
}

function scalerUser(kafka: Kafka, listener: KafkaListener): KafkaUser | undefined {
  const type = listener.authentication?.type;
  if (type === undefined) {
    return undefined;
  }
  return kafka.addUser(`keda-${listener.name}`, {
    name: `${kafka.name}-keda-${listener.name}`,
    authentication: type === 'tls' ? KafkaUserAuthentication.tls() : KafkaUserAuthentication.scramSha512(),
  });
}

function grant(kafka: Kafka, access: ScalerUser, group: string, topics: string[]) {
  if (!access.user || !kafka.authorization?.managesAcls) {
    return;
  }
  // No topic: the scaler reads every topic the group has offsets for.
  const resources = [AclResource.group(group), ...(topics.length > 0 ? topics : ['*']).map(t => AclResource.topic(t))];
  for (const resource of resources) {
    const key = `${resource.type}/${resource.name}`;
    if (!access.granted.has(key)) {
      access.granted.add(key);
      access.user.addAcl({ resource, operations: [AclOperation.DESCRIBE] });
    }
  }
}
