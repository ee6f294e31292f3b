import { Construct, IConstruct } from 'constructs';

// Every bad input fails at synth time with one message shape, so users can grep for it:
//   [<construct path>] <field>: <value> <rule>. <what to do instead>
// cdk8s prefixes messages from `node.addValidation()` with `[<path>] ` itself; errors thrown from
// constructors get the same prefix from `fieldError`.

/**
 * Renders a user value for an error message: JSON, shortened when long. It never throws, whatever
 * the value is (a BigInt, a cyclic object, a construct, a function, an object without prototype),
 * because it runs while reporting exactly such input.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) {
    return '(not set)';
  }
  if (typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function' || typeof value === 'number') {
    return String(readableJson()('', value));
  }
  let text: string;
  try {
    text = JSON.stringify(value, readableJson()) ?? safeString(value);
  } catch {
    text = safeString(value); // for example nesting deeper than the stack
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

// JSON.stringify throws on BigInts and cycles and walks a construct's whole tree; shown instead:
// `12n`, `[circular]`, the construct's path, `[function name]`, `Symbol(x)`. Objects already shown
// once are not expanded again, which also ends cycles.
function readableJson(): (this: unknown, key: string, v: unknown) => unknown {
  const seen = new WeakSet<object>();
  return (_key, v) => {
    switch (typeof v) {
      case 'number':
        return Number.isFinite(v) ? v : String(v); // JSON would show NaN and Infinity as null
      case 'bigint':
        return `${v}n`;
      case 'function':
        return `[function ${v.name || 'anonymous'}]`;
      case 'symbol':
        return v.toString();
      case 'object':
        if (v === null) {
          return v;
        }
        if (Construct.isConstruct(v)) {
          return `[${v.constructor.name} ${v.node.path}]`;
        }
        if (seen.has(v)) {
          return '[circular]';
        }
        seen.add(v);
        return v;
      default:
        return v;
    }
  };
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
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
