import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { KedaRelease, ScaledObject, ScaledObjectProps, ScalerTrigger, ScaleTarget } from '../../src';
import { KEDA_DIR } from '../fixtures';

/** The KEDA releases in the fixtures, oldest first. */
export { KEDA_VERSIONS } from '../fixtures';

export function kedaCrdsDir(version: string): string {
  return path.join(KEDA_DIR, version, 'crds');
}

/** The message of what `fn` throws. */
export function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error, but nothing was thrown');
}

/** Every synth-time validation message of the app, as cdk8s reports them (`[<path>] <message>`). */
export function validationErrors(scope: IConstruct): string[] {
  return scope.node.root.node.findAll().flatMap(c => c.node.validate().map(m => `[${c.node.path}] ${m}`));
}

/** A chart in a new app, with namespace `apps` unless `namespace` is null. */
export function newChart(namespace: string | null = 'apps'): Chart {
  return new Chart(Testing.app(), 'test', { namespace: namespace ?? undefined });
}

export const DEPLOYMENT = ScaleTarget.of({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'consumer' });

export const KAFKA = ScalerTrigger.kafka({ bootstrapServers: ['events-kafka-bootstrap.kafka.svc:9092'], consumerGroup: 'orders' });

/** A ScaledObject `so` with a kafka trigger unless triggers are given. */
export function scaledObject(scope: Construct, props: Partial<ScaledObjectProps> = {}, id = 'so'): ScaledObject {
  return new ScaledObject(scope, id, { release: KedaRelease.V2_20_2, target: DEPLOYMENT, triggers: [KAFKA], ...props });
}

/** The synthesized object of kind `kind` (the first one). */
export function synthKind(chart: Chart, kind: string): any {
  return Testing.synth(chart).find((o: any) => o.kind === kind);
}

/** The first trigger's emitted form for `trigger`, on `release`. */
export function renderTrigger(trigger: ScalerTrigger, props: Partial<ScaledObjectProps> = {}): any {
  const chart = newChart();
  scaledObject(chart, { triggers: [trigger], ...props });
  return synthKind(chart, 'ScaledObject').spec.triggers[0];
}

/** What adding `trigger` to a ScaledObject of `release` throws. */
export function triggerError(trigger: ScalerTrigger, props: Partial<ScaledObjectProps> = {}): string {
  return thrown(() => scaledObject(newChart(), { triggers: [trigger], ...props }));
}
