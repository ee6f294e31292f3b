import * as fc from 'fast-check';
import { parseAll, runs, shippedSchemas } from './arbitraries';
import { base, Base, ENTRIES, HOSTILE, isOwnError, releases, STRINGIFYING, synthAll, WRONG_TYPES } from './hostile';
import { expectConformant } from '../conformance/crd-schema';

// Issue 11: whatever a caller passes, wherever it enters the library (a JavaScript caller, or a value
// read from a JSON or YAML config), the answer is our own `[path] field: value rule` error or valid
// output: never a TypeError, a RangeError, a stack overflow, the constructs library's "There is
// already a Construct", YAML that does not parse, or a polluted Object.prototype.

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

function expectNoPollution(): void {
  expect(({} as any).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
}

/** Gives `value` to the API at `where`, then synthesizes; returns the outcome. */
type Outcome = { error?: unknown; yaml?: string; b: Base };
function attempt(r: { strimzi: string; keda: string }, where: string, value: unknown): Outcome {
  const b = base(r);
  try {
    ENTRIES[where](b, value);
    return { yaml: synthAll(b), b };
  } catch (error) {
    return { error, b };
  } finally {
    expectNoPollution();
  }
}

function describeError(e: unknown): string {
  return e instanceof Error ? `${e.constructor.name}: ${e.message}\n${e.stack}` : String(e);
}

describe('hostile input', () => {
  const where = fc.constantFrom(...Object.keys(ENTRIES));

  test('any value anywhere ends in our own error, or in output that parses and conforms to the CRDs', () => {
    fc.assert(fc.property(releases, where, HOSTILE, (r, w, value) => {
      const { error, yaml, b } = attempt(r, w, value);
      if (error !== undefined) {
        expect(isOwnError(error) ? 'own error' : describeError(error)).toBe('own error');
        return;
      }
      const objects = parseAll(yaml!);
      expectConformant(shippedSchemas(b, r), objects);
    }), runs(3));
  });

  test('a value of a type no field takes is refused wherever it is given', () => {
    const typed = fc.constantFrom(...Object.keys(ENTRIES).filter(e => !STRINGIFYING.includes(e)));
    fc.assert(fc.property(releases, typed, WRONG_TYPES, (r, w, value) => {
      const { error } = attempt(r, w, value);
      expect(error === undefined ? 'accepted' : isOwnError(error) ? 'own error' : describeError(error)).toBe('own error');
    }), runs(5));
  });
});
