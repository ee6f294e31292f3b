import * as kplus from 'cdk8s-plus-28';
import { duck, Shape, SIZE, STRING, struct } from './input-shape';

/** Kubernetes resource requirements (`requests`/`limits`) as they appear in a manifest. */
export interface ResourceRequirements {
  requests?: { [name: string]: string };
  limits?: { [name: string]: string };
}

/**
 * Renders cdk8s-plus container resources as Kubernetes resource requirements, on top of `base`
 * (parts not given keep the base values).
 */
export function renderResources(resources: kplus.ContainerResources, base: ResourceRequirements = {}): ResourceRequirements {
  const requests: { [name: string]: string } = { ...base.requests };
  const limits: { [name: string]: string } = { ...base.limits };
  const set = (into: { [name: string]: string }, key: string, value: string | undefined) => {
    if (value !== undefined) {
      into[key] = value;
    }
  };
  set(requests, 'cpu', resources.cpu?.request?.amount);
  set(limits, 'cpu', resources.cpu?.limit?.amount);
  set(requests, 'memory', sizeQuantity(resources.memory?.request));
  set(limits, 'memory', sizeQuantity(resources.memory?.limit));
  set(requests, 'ephemeral-storage', sizeQuantity(resources.ephemeralStorage?.request));
  set(limits, 'ephemeral-storage', sizeQuantity(resources.ephemeralStorage?.limit));
  return {
    ...(Object.keys(requests).length > 0 ? { requests } : {}),
    ...(Object.keys(limits).length > 0 ? { limits } : {}),
  };
}

/** A cdk8s `Size` as a Kubernetes quantity in the largest whole binary unit (`384Mi`, `100Gi`). */
export function sizeQuantity(size: { toKibibytes(): number } | undefined): string | undefined {
  if (size === undefined) {
    return undefined;
  }
  const kib = size.toKibibytes();
  for (const [unit, factor] of [['Ti', 1024 ** 3], ['Gi', 1024 ** 2], ['Mi', 1024], ['Ki', 1]] as const) {
    if (kib >= factor && Number.isInteger(kib / factor)) {
      return `${kib / factor}${unit}`;
    }
  }
  return `${Math.round(kib * 1024)}`;
}

// cdk8s-plus-28 ... -33 each have a Cpu class of their own, so a Cpu is recognised by its amount.
const CPU = duck('a Cpu of cdk8s-plus (Cpu.millis(), Cpu.units())', { amount: STRING });
const request = (name: string, quantity: Shape) => struct(name, { request: quantity, limit: quantity });

/** The shape of cdk8s-plus `ContainerResources`. */
export const CONTAINER_RESOURCES_SHAPE = struct('ContainerResources', {
  cpu: request('CpuResources', CPU),
  memory: request('MemoryResources', SIZE),
  ephemeralStorage: request('EphemeralStorageResources', SIZE),
});
