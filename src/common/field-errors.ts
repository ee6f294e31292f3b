import { IConstruct } from 'constructs';

// Every bad input fails at synth time with one message shape, so users can grep for it:
//   [<construct path>] <field>: <value> <rule>. <what to do instead>
// cdk8s prefixes messages from `node.addValidation()` with `[<path>] ` itself; errors thrown from
// constructors get the same prefix from `fieldError`.

/** Renders a user value for an error message: JSON, shortened when long. */
export function describeValue(value: unknown): string {
  if (value === undefined) {
    return '(not set)';
  }
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 120 ? `${json.slice(0, 117)}...` : json;
}

/** `<field>: <value> <rule>[. <hint>]` */
export function fieldMessage(field: string, value: unknown, rule: string, hint?: string): string {
  return `${field}: ${describeValue(value)} ${rule}${hint ? `. ${hint}` : ''}`;
}

/** `[<path>] <message>`: the prefix cdk8s gives validation messages, for errors thrown directly. */
export function pathMessage(scope: IConstruct, message: string): string {
  return `[${scope.node.path}] ${message}`;
}

/** An error for a construct's own input, thrown from its constructor or an `addX()` method. */
export function fieldError(scope: IConstruct, field: string, value: unknown, rule: string, hint?: string): Error {
  return new Error(pathMessage(scope, fieldMessage(field, value, rule, hint)));
}

/**
 * Registers a rule that is checked when the app is synthesized (after every `addX()` call), so
 * cdk8s reports all broken rules of an app at once.
 */
export function addValidation(scope: IConstruct, check: () => string[]): void {
  scope.node.addValidation({ validate: check });
}
