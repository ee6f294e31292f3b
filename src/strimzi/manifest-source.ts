import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { shownPath } from '../common/local-path';
import { Manifest } from '../common/manifest';
import { checkSize, MAX_RELEASE_BYTES, pathExists, readReleaseFile, readYamlDirectory, ReleaseFile, statOf } from '../common/release-files';
import { parseYamlSources } from '../common/yaml-documents';

// Reads the Kubernetes objects of a release from a directory, a file or a URL, and the sha256 of
// exactly the bytes that were read.

/** What was read: the objects and the digest a user can pin. */
export interface LoadedManifests {
  readonly objects: Manifest[];
  readonly sha256: string;
}

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * All `*.yaml`/`*.yml` files of a directory (not recursive), in byte order of their names.
 *
 * The digest is the sha256 of the `sha256sum` listing of those files, so a user can compute the
 * value to pin with `cd <dir> && LC_ALL=C sha256sum *.yaml | sha256sum`.
 */
export function loadDirectory(what: string, dir: string): LoadedManifests {
  if (!pathExists(dir)) {
    throw new Error(`${what}: directory ${shownPath(dir)} does not exist. It should be the install/cluster-operator/ folder of a Strimzi release `
      + '(in strimzi-<version>.tar.gz, or at the release tag of github.com/strimzi/strimzi-kafka-operator), with the CRDs '
      + '(04*-Crd-*.yaml) and the operator\'s RBAC, ConfigMap and Deployment (060-Deployment-strimzi-cluster-operator.yaml)');
  }
  if (!statOf(what, dir, shownPath(dir)).isDirectory()) {
    throw new Error(`${what}: not a directory. Use StrimziRelease.fromFile() for a single YAML file`);
  }
  const files = readYamlDirectory(what, dir);
  if (files.length === 0) {
    const nested = path.join(dir, 'install', 'cluster-operator');
    const hint = fs.existsSync(nested)
      ? `. This looks like a release root: use StrimziRelease.fromDirectory(${JSON.stringify(nested)})`
      : '. Point it at the release\'s install/cluster-operator/ folder';
    throw new Error(`${what}: no .yaml files in the directory${hint}`);
  }
  const listing = files.map(f => `${sha256(f.bytes)}  ${f.name}\n`).join('');
  return { objects: parseFiles(what, files), sha256: sha256(listing) };
}

/** One multi-document YAML file. The digest is the file's sha256 (`sha256sum <file>`). */
export function loadFile(what: string, file: string): LoadedManifests {
  if (!pathExists(file)) {
    throw new Error(`${what}: file ${shownPath(file)} does not exist. It should be one YAML file with every install file of a Strimzi `
      + 'release, such as the release asset strimzi-cluster-operator-<version>.yaml');
  }
  if (statOf(what, file, shownPath(file)).isDirectory()) {
    throw new Error(`${what}: is a directory. Use StrimziRelease.fromDirectory() for an install folder`);
  }
  const bytes = readReleaseFile(what, file);
  return { objects: parseFiles(what, [{ name: path.basename(file), bytes }]), sha256: sha256(bytes) };
}

/** One multi-document YAML file downloaded from `url` (http or https, redirects followed). */
export function loadUrl(what: string, url: string): LoadedManifests {
  if (!/^https?:\/\//.test(url)) {
    throw new Error(`${what}: only http:// and https:// URLs are supported`);
  }
  const bytes = download(what, url);
  checkSize(what, bytes.length, url);
  return { objects: parseFiles(what, [{ name: url, bytes }]), sha256: sha256(bytes) };
}

function parseFiles(what: string, files: ReleaseFile[]): Manifest[] {
  const documents = parseYamlSources(what, files.map(f => ({ name: f.name, text: f.bytes.toString('utf-8') })));
  for (const doc of documents) {
    if (!isKubernetesObject(doc.value)) {
      throw new Error(`${what}: document ${doc.index} of ${doc.file} is not a Kubernetes object `
        + `(expected a YAML mapping with apiVersion, kind and metadata.name): ${preview(doc.value)}. `
        + 'Is this a Strimzi install file? The YAML may be malformed');
    }
  }
  return documents.map(d => d.value);
}

// cdk8s's Yaml.load does not report syntax errors: a broken document comes back as a string or a
// mapping with odd values. The shape check is what turns garbage into an error.
function isKubernetesObject(doc: any): boolean {
  return doc !== null && typeof doc === 'object' && !Array.isArray(doc)
    && typeof doc.apiVersion === 'string' && typeof doc.kind === 'string'
    && doc.metadata !== null && typeof doc.metadata === 'object' && typeof doc.metadata.name === 'string';
}

function preview(doc: unknown): string {
  const json = JSON.stringify(doc) ?? String(doc);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n').find(l => l.trim().length > 0) ?? text;
}

// Synthesis is synchronous, so the download runs in a child process (as cdk8s's own Yaml.load does).
const DOWNLOAD_SCRIPT = `
const [url, out, max] = process.argv.slice(1);
function get(u, left) {
  const mod = u.startsWith('https:') ? require('https') : require('http');
  mod.get(u, res => {
    if (res.statusCode >= 300 && res.statusCode < 400 && res.headers.location) {
      res.resume();
      if (left === 0) { console.error('too many redirects'); process.exit(2); }
      return get(new URL(res.headers.location, u).toString(), left - 1);
    }
    if (res.statusCode !== 200) { console.error('HTTP ' + res.statusCode + ' ' + (res.statusMessage || '')); process.exit(2); }
    const chunks = [];
    let size = 0;
    res.on('data', c => {
      size += c.length;
      if (size > Number(max)) { console.error('more than ' + max + ' bytes: not a release file'); process.exit(2); }
      chunks.push(c);
    });
    res.on('end', () => require('fs').writeFileSync(out, Buffer.concat(chunks)));
  }).on('error', e => { console.error(e.message); process.exit(2); });
}
get(url, 10);
`;

function download(what: string, url: string): Buffer {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-strimzi-keda-'));
  try {
    const out = path.join(tmp, 'download.yaml');
    try {
      execFileSync(process.execPath, ['-e', DOWNLOAD_SCRIPT, url, out, String(MAX_RELEASE_BYTES)], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
    } catch (e: any) {
      const reason = (e.stderr?.toString() ?? '').trim() || firstLine(e);
      throw new Error(`${what}: download failed: ${reason}`);
    }
    return fs.readFileSync(out);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
