import * as fc from 'fast-check';
import { runs } from './arbitraries';
import { ANNOTATION_SIZE_LIMIT, applySizeError, ETCD_REQUEST_LIMIT, SERVER_SIDE_APPLY, SYNC_OPTIONS_ANNOTATION } from '../../src/stages/apply-size';

// The size check measures without serializing when a bound settles it, and an object marked for
// server-side apply only against etcd's limit: whatever an object holds (quotes, escapes, non-ASCII,
// lone surrogates, numbers of every length), the check must agree with the bytes of JSON.stringify
// at the very limits.

const exactBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

// An object of `content` padded with `pad` and plain ASCII to `target` bytes, or undefined if it is
// already larger.
function sized(content: unknown, pad: string, target: number, annotations?: { [key: string]: string }) {
  const manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'm', annotations }, data: { content, pad } };
  const missing = target - exactBytes(manifest);
  if (missing < 0) {
    return undefined;
  }
  manifest.data.pad = pad + 'a'.repeat(missing);
  return manifest;
}

const content = fc.jsonValue({ maxDepth: 3 });
// Runs of one character JSON writes in 1 to 6 bytes: a bound that miscounts any of them is off by the run.
const pad = fc.tuple(fc.constantFrom('a', '"', '\\', '\n', '\u0001', 'é', '€', '😀', '\ud800'), fc.integer({ min: 0, max: 40 }))
  .map(([c, n]) => c.repeat(n));
const delta = fc.integer({ min: -3, max: 3 });

describe('the size check, at the limits', () => {
  test('reports an object over the annotation limit, with its exact bytes, and only such an object', () => {
    fc.assert(fc.property(content, pad, delta, (c, p, d) => {
      const manifest = sized(c, p, ANNOTATION_SIZE_LIMIT + d);
      fc.pre(manifest !== undefined);
      const bytes = exactBytes(manifest);
      const error = applySizeError(manifest as any, false, false);
      expect(error === undefined ? 'fits' : error).toBe(bytes > ANNOTATION_SIZE_LIMIT
        ? `${bytes} bytes as compact JSON exceed the ${ANNOTATION_SIZE_LIMIT}-byte annotation limit of client-side kubectl apply, `
          + `and the object is not marked for server-side apply. Add the annotation ${SYNC_OPTIONS_ANNOTATION}: ${SERVER_SIDE_APPLY} and apply it `
          + 'with `kubectl apply --server-side` (or `kubectl create`/`replace`)'
        : 'fits');
    }), runs(5));
  });

  test('passes an object marked for server-side apply up to etcd\'s limit, and reports it beyond, with its exact bytes', () => {
    fc.assert(fc.property(content, pad, delta, fc.boolean(), (c, p, d, byAnnotation) => {
      const manifest = sized(c, p, ETCD_REQUEST_LIMIT + d, byAnnotation ? { [SYNC_OPTIONS_ANNOTATION]: SERVER_SIDE_APPLY } : undefined);
      fc.pre(manifest !== undefined);
      const bytes = exactBytes(manifest);
      const error = applySizeError(manifest as any, !byAnnotation, false);
      expect(error === undefined ? 'fits' : error.slice(0, error.indexOf(','))).toBe(bytes > ETCD_REQUEST_LIMIT
        ? `${bytes} bytes as compact JSON exceed the ${ETCD_REQUEST_LIMIT}-byte request limit of etcd (--max-request-bytes` : 'fits');
    }), runs());
  });
});
