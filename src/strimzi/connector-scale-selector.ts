import { createHash } from 'crypto';

// The label key of connector selectors. Nothing carries this label, so the selector matches no pod:
// the connector's HPA then never shares pods with the HPA of the Connect workers (AmbiguousSelector,
// kubernetes pkg/controller/podautoscaler/horizontal.go), and External AverageValue metrics need no pods.
const SELECTOR_KEY = 'cdk8s-strimzi-keda/connector';
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** The label selector of an autoscaled connector: unique to it, matching no pod. */
export function connectorScaleSelector(namespace: string, name: string): string {
  const readable = `${namespace}.${name}`;
  const value = readable.length <= 63 && LABEL_VALUE.test(readable)
    ? readable
    : `${name.slice(0, 45).replace(/[^A-Za-z0-9]+$/, '')}-${createHash('sha256').update(`${namespace}/${name}`).digest('hex').slice(0, 12)}`;
  return `${SELECTOR_KEY}=${value}`;
}
