import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as jsYaml from 'js-yaml';
import { findUpstream, upstreamReleases } from '../fixtures/upstream';
import { StrimziRelease } from '../src';

// The unmodified upstream release files, found (and checked against fixtures/releases.json) by
// fixtures/upstream.ts: never copied into the project.
export const UPSTREAM_DIR = findUpstream();
export const STRIMZI_DIR = path.join(UPSTREAM_DIR, 'strimzi');
export const KEDA_DIR = path.join(UPSTREAM_DIR, 'keda');

const versionsOf = (project: string) => upstreamReleases().filter(r => r.project === project).map(r => r.version)
  .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));

/** Every Strimzi release in the fixtures, oldest first (0.41.0 ... 1.2.0). */
export const STRIMZI_VERSIONS: string[] = versionsOf('strimzi');

/** Every KEDA release in the fixtures, oldest first (2.14.1 ... 2.20.2). */
export const KEDA_VERSIONS: string[] = versionsOf('keda');

/** The newest fixture release. */
export const NEWEST_STRIMZI = STRIMZI_VERSIONS[STRIMZI_VERSIONS.length - 1];

export function strimziInstallDir(version: string): string {
  return path.join(STRIMZI_DIR, version, 'install');
}

const releases = new Map<string, StrimziRelease>();

/** The fixture release, read once per test file (reading takes ~0.5 s). */
export function strimziRelease(version: string = NEWEST_STRIMZI): StrimziRelease {
  let release = releases.get(version);
  if (!release) {
    release = StrimziRelease.fromDirectory(strimziInstallDir(version));
    releases.set(version, release);
  }
  return release;
}

/**
 * The upstream objects of a fixture release, keyed by `<kind>/<name>`. Read with js-yaml, a parser
 * independent of the cdk8s one the library uses, so a loader bug cannot hide in both sides of a diff.
 */
export function upstreamObjects(version: string): Map<string, any> {
  const dir = strimziInstallDir(version);
  const objects = fs.readdirSync(dir).sort().flatMap(f => jsYaml.loadAll(fs.readFileSync(path.join(dir, f), 'utf-8')));
  return new Map(objects.filter(o => o).map((o: any) => [`${o.kind}/${o.metadata.name}`, o]));
}

/**
 * `kafka-versions.yaml` of a fixture release. Read with the failsafe schema, because `metadata: 4.0`
 * is a version, not the number 4.
 */
export function kafkaVersionsFile(version: string): Array<{ version: string; metadata: string; supported: boolean; default: boolean }> {
  const entries = jsYaml.load(fs.readFileSync(path.join(STRIMZI_DIR, version, 'kafka-versions.yaml'), 'utf-8'), { schema: jsYaml.FAILSAFE_SCHEMA }) as any[];
  return entries.map(e => ({ version: e.version, metadata: e.metadata, supported: e.supported === 'true', default: e.default === 'true' }));
}

/** A scratch directory under the OS temp dir, removed by the caller. */
export function scratchDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-strimzi-keda-test-'));
}
