import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { newChart, scaledObject, synthKind } from './helpers';
import { ScaleTarget } from '../../src';

describe('ScaleTarget', () => {
  test('of() takes API version, kind, name and namespace', () => {
    const target = ScaleTarget.of({ apiVersion: 'kafka.strimzi.io/v1', kind: 'KafkaConnect', name: 'connect', namespace: 'kafka' });
    expect([target.apiVersion, target.apiGroup, target.kind, target.name, target.namespace]).toEqual(['kafka.strimzi.io/v1', 'kafka.strimzi.io', 'KafkaConnect', 'connect', 'kafka']);
    expect(ScaleTarget.of({ apiVersion: 'v1', kind: 'ReplicationController', name: 'rc' }).apiGroup).toBe('');
  });

  test('fromApiObject() reads the object, including the namespace its chart gives it', () => {
    const chart = newChart('kafka');
    const connect = new ApiObject(chart, 'connect', { apiVersion: 'kafka.strimzi.io/v1', kind: 'KafkaConnect', metadata: { name: 'events-connect' } });
    const target = ScaleTarget.fromApiObject(connect);
    expect([target.apiVersion, target.kind, target.name, target.namespace]).toEqual(['kafka.strimzi.io/v1', 'KafkaConnect', 'events-connect', 'kafka']);
  });

  test('fromDeployment() reads a cdk8s-plus Deployment; the ScaledObject lands in its namespace', () => {
    const chart = newChart('apps');
    const deployment = new kplus.Deployment(chart, 'consumer', {
      metadata: { namespace: 'streams' },
      containers: [{ image: 'example/consumer:1', securityContext: { ensureNonRoot: false } }],
    });
    const target = ScaleTarget.fromDeployment(deployment);
    expect([target.apiVersion, target.kind, target.name, target.namespace]).toEqual(['apps/v1', 'Deployment', deployment.name, 'streams']);
    scaledObject(chart, { target });
    const so = synthKind(chart, 'ScaledObject');
    expect(so.metadata.namespace).toBe('streams');
    expect(so.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.name });
  });

  test('_withoutPods() marks a copy and keeps the reference', () => {
    const target = ScaleTarget.of({ apiVersion: 'kafka.strimzi.io/v1', kind: 'KafkaConnector', name: 'sink' });
    const podless = target._withoutPods('runs tasks, not pods');
    expect(target._podlessReason).toBeUndefined();
    expect(podless._podlessReason).toBe('runs tasks, not pods');
    expect([podless.apiVersion, podless.kind, podless.name]).toEqual([target.apiVersion, target.kind, target.name]);
  });
});
