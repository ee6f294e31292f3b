import { Chart } from 'cdk8s';
import { StrimziResource } from '../strimzi/resource';

/**
 * Two Strimzi resources of one kind and name in one namespace would overwrite each other when
 * applied: the messages for a stage that has such pairs.
 */
export function duplicateResourceNames(stage: Chart): string[] {
  const seen = new Map<string, string>();
  const errors = new Array<string>();
  for (const r of StrimziResource._inChart(stage)) {
    const key = `${r.kind} ${r.namespace}/${r.name}`;
    const other = seen.get(key);
    if (other) {
      errors.push(`name: ${JSON.stringify(r.name)} is used by two ${r.kind}s in namespace ${r.namespace} (${other} and ${r.node.path}); `
        + 'names must be unique per kind and namespace');
    }
    seen.set(key, r.node.path);
  }
  return errors;
}
