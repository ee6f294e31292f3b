import { IConstruct } from 'constructs';
import { ScaleTarget } from './scale-target';
import { ScaledObjectAdvanced } from './scaled-object-props';
import { ScalerTrigger } from './triggers';
import { ScaledObjectFallback } from '../autoscaling-options/scaled-object-settings';
import { duplicates } from '../common/duplicates';
import { describeValue, fieldMessage } from '../common/field-errors';

// KEDA's admission rules that span triggers added later or several ScaledObjects, checked at synth.
// Sources: kedacore/keda v2.20.2:apis/keda/v1alpha1/scaledobject_webhook.go (ValidateTriggers,
// verifyScaledObjects) and scaledobject_types.go (CheckFallbackValid, ValidateAndCompileScalingModifiers).

/** What the rules read of a ScaledObject. */
export interface RuledScaledObject extends IConstruct {
  readonly triggers: ScalerTrigger[];
  readonly fallback?: ScaledObjectFallback;
  readonly advanced?: ScaledObjectAdvanced;
  readonly minReplicas: number;
  readonly namespace?: string;
  readonly target: ScaleTarget;
  readonly hpaName: string;
  readonly name: string;
}

// expr-lang words that are not variables. Function calls are recognised by the following "(".
const FORMULA_WORDS = new Set(['true', 'false', 'nil', 'and', 'or', 'not', 'in', 'matches', 'contains', 'startsWith', 'endsWith', 'let', 'if', 'else']);

/** The variables a scalingModifiers formula reads: identifiers outside strings that are not calls, members or keywords. */
export function formulaVariables(formula: string): string[] {
  const code = formula.replace(/"(\\.|[^"\\])*"|'(\\.|[^'\\])*'|`[^`]*`/g, ' ');
  const names = new Array<string>();
  for (const match of code.matchAll(/(?<![\w.$#])[A-Za-z_]\w*(?!\w)/g)) {
    const rest = code.slice(match.index! + match[0].length);
    if (FORMULA_WORDS.has(match[0]) || /^\s*\(/.test(rest) || names.includes(match[0])) {
      continue;
    }
    names.push(match[0]);
  }
  return names;
}

/** Rules checked at synth, after every addTrigger(): the messages, without the path prefix. */
export function synthErrors(so: RuledScaledObject): string[] {
  const errors = new Array<string>();
  const triggers = so.triggers;
  if (triggers.length === 0) {
    return [fieldMessage('triggers', [], 'must have at least one trigger', 'Pass triggers or call addTrigger()')];
  }
  const names = triggers.map(t => t.name).filter((n): n is string => n !== undefined);
  for (const name of duplicates(names)) {
    errors.push(fieldMessage('triggers', name, 'is the name of more than one trigger', 'Trigger names must be unique in a ScaledObject'));
  }
  const events = triggers.filter(t => !t._isResource);
  if (so.fallback !== undefined && events.length === 0) {
    errors.push(fieldMessage('fallback', so.fallback, 'needs at least one trigger that is not cpu or memory',
      'Fallback replaces failing external metrics; cpu and memory metrics never use it'));
  }
  // KEDA refuses scale to zero when nothing but pod resources can wake the target up.
  if (events.length === 0 && so.minReplicas === 0) {
    errors.push(fieldMessage('minReplicas', 0, 'must be at least 1 when all triggers are cpu or memory',
      'Set minReplicas: 1, or add an event trigger that can activate the target from zero'));
  }
  const modifiers = so.advanced?.scalingModifiers;
  if (modifiers !== undefined) {
    // KEDA compiles the formula with the named non-cpu/memory triggers only.
    for (const variable of formulaVariables(modifiers.formula)) {
      const trigger = triggers.find(t => t.name === variable);
      if (trigger === undefined) {
        errors.push(fieldMessage('advanced.scalingModifiers.formula', modifiers.formula, `uses ${variable}, which is not the name of a trigger`,
          `Give the trigger it means name: ${describeValue(variable)}${names.length > 0 ? ` (trigger names: ${names.join(', ')})` : ''}`));
      } else if (trigger._isResource) {
        errors.push(fieldMessage('advanced.scalingModifiers.formula', modifiers.formula, `uses ${variable}, a ${trigger.type} trigger`,
          'KEDA evaluates formulas over external (non-cpu/memory) triggers only'));
      }
    }
  }
  errors.push(...appWideErrors(so));
  return errors;
}

// verifyScaledObjects and (2.16.0, keda#6198) the HPA-name check of the webhook. KEDA compares the
// target's apiVersion string; we compare API group and kind, since two versions of one kind are the
// same object and two HPAs would fight over it.
//
// The ScaledObjects of an app are indexed once, not searched per object: cdk8s validates the whole
// app once per chart it synthesizes, and apps have thousands of ScaledObjects.
interface AppIndex {
  readonly all: RuledScaledObject[];
  /** How many ScaledObjects the maps cover; they are rebuilt when more were created. */
  covered: number;
  readonly firstByTarget: Map<string, RuledScaledObject>;
  readonly firstByHpa: Map<string, RuledScaledObject>;
  readonly firstByName: Map<string, RuledScaledObject>;
}

const indexes = new WeakMap<object, AppIndex>();

/** Records a ScaledObject of its app, in creation order (the first one keeps a target). */
export function registerScaledObject(so: RuledScaledObject): void {
  const root = so.node.root;
  let index = indexes.get(root);
  if (!index) {
    index = { all: [], covered: 0, firstByTarget: new Map(), firstByHpa: new Map(), firstByName: new Map() };
    indexes.set(root, index);
  }
  index.all.push(so);
}

function indexOf(so: RuledScaledObject): AppIndex {
  const index = indexes.get(so.node.root)!;
  for (; index.covered < index.all.length; index.covered++) {
    const o = index.all[index.covered];
    const ns = o.namespace ?? '';
    const target = `${ns}/${o.target.apiGroup}/${o.target.kind}/${o.target.name}`;
    const hpa = `${ns}/${o.hpaName}`;
    if (!index.firstByTarget.has(target)) {
      index.firstByTarget.set(target, o);
    }
    if (!index.firstByHpa.has(hpa)) {
      index.firstByHpa.set(hpa, o);
    }
    if (!index.firstByName.has(`${ns}/${o.name}`)) {
      index.firstByName.set(`${ns}/${o.name}`, o);
    }
  }
  return index;
}

function appWideErrors(so: RuledScaledObject): string[] {
  const errors = new Array<string>();
  const index = indexOf(so);
  const ns = so.namespace ?? '';
  const t = so.target;
  const sameTarget = index.firstByTarget.get(`${ns}/${t.apiGroup}/${t.kind}/${t.name}`);
  if (sameTarget && sameTarget !== so) {
    errors.push(fieldMessage('target', `${t.kind}/${t.name}`, `is already scaled by the ScaledObject ${sameTarget.node.path}`,
      'KEDA allows one ScaledObject per target; put all triggers into one ScaledObject'));
  }
  // Two objects of one name and namespace are one object to the API server: the second overwrites the first.
  const sameName = index.firstByName.get(`${ns}/${so.name}`);
  if (sameName && sameName !== so) {
    errors.push(fieldMessage('name', so.name, `is also the name of the ScaledObject ${sameName.node.path} in namespace ${ns || '(the default)'}`,
      'Give one of them another name'));
  }
  const sameHpa = index.firstByHpa.get(`${ns}/${so.hpaName}`);
  if (sameHpa && sameHpa !== so && sameHpa !== sameName) {
    errors.push(fieldMessage('hpaName', so.hpaName, `is also the HPA of the ScaledObject ${sameHpa.node.path}`,
      'KEDA allows one ScaledObject per HPA name (keda#6198); set advanced.horizontalPodAutoscalerName'));
  }
  return errors;
}
