import { Chart } from 'cdk8s';
import { StrimziResource } from '../strimzi/resource';

/**
 * Two Strimzi resources of one kind and name in one namespace would overwrite each other when
 * applied: the messages for a stage that has such pairs.
 */
export function duplicateResourceNames(stage: Chart): string[] {
  // The last resource of each kind, namespace and name so far: its path (a walk up the tree) is built
  // only for a message.
  const seen = new Map<string, StrimziResource>();
  const errors = new Array<string>();
  for (const r of StrimziResource._inChart(stage)) {
    const key = `${r.kind} ${r.namespace}/${r.name}`;
    const other = seen.get(key);
    if (other) {
      errors.push(`name: ${JSON.stringify(r.name)} is used by two ${r.kind}s in namespace ${r.namespace} (${other.node.path} and ${r.node.path}); `
        + 'names must be unique per kind and namespace');
    }
    seen.set(key, r);
  }
  return errors;
}
