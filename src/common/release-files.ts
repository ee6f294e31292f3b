import * as fs from 'fs';
import * as path from 'path';
import { shownPath } from './local-path';

// The files of a release folder (Strimzi's install/cluster-operator/, KEDA's config/crd/bases/), read
// so that whatever is in the folder ends in an error that names the file: a symbolic link loop or a
// dangling link, an unreadable file, or far more bytes than any release has.

/**
 * The most bytes read from one release. Strimzi's largest install folder is 1.7 MB (0.51.0, with
 * 040-Crd-kafka.yaml at 0.6 MB); KEDA's CRDs are smaller. Ten times that leaves room for new
 * releases and still stops a wrong path (a log, an image) before it fills the memory.
 */
export const MAX_RELEASE_BYTES = 16 * 1024 * 1024;

const YAML_FILE = /\.ya?ml$/;

/** One file as read. */
export interface ReleaseFile {
  /** Its name within the folder (or the path given). */
  readonly name: string;
  /** Its bytes. */
  readonly bytes: Buffer;
}

/** The `*.yaml`/`*.yml` files of a directory (not recursive, links followed), in byte order of their names. */
export function readYamlDirectory(what: string, dir: string): ReleaseFile[] {
  const files = new Array<{ name: string; size: number }>();
  for (const name of fs.readdirSync(dir).filter(n => YAML_FILE.test(n)).sort(byteOrder)) {
    const stat = statOf(what, path.join(dir, name), name);
    if (stat.isFile()) {
      files.push({ name, size: stat.size });
    }
  }
  checkSize(what, files.reduce((sum, f) => sum + f.size, 0), `the .yaml files in ${shownPath(dir)}`);
  return files.map(f => ({ name: f.name, bytes: readOf(what, path.join(dir, f.name), f.name) }));
}

/** One file, refused when it is not a regular file or larger than any release. */
export function readReleaseFile(what: string, file: string): Buffer {
  const stat = statOf(what, file, shownPath(file));
  checkSize(what, stat.size, shownPath(file));
  return readOf(what, file, shownPath(file));
}

/** Refuses input over `MAX_RELEASE_BYTES`. */
export function checkSize(what: string, bytes: number, shown: string): void {
  if (bytes > MAX_RELEASE_BYTES) {
    throw new Error(`${what}: ${shown}: ${bytes} bytes is more than the ${MAX_RELEASE_BYTES} this library reads from one release `
      + '(a release\'s install files are under 2 MB). Is the path right? Point it at the release\'s own files');
  }
}

/** Whether anything is at `file`: a file, a directory, or a link (even a broken one, which stat reports). */
export function pathExists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/** `fs.statSync`, with our error for a link loop, a dangling link or a denied permission. */
export function statOf(what: string, file: string, shown: string): fs.Stats {
  try {
    return fs.statSync(file);
  } catch (e) {
    throw new Error(`${what}: cannot read ${shown}: ${reason(e)}`);
  }
}

function readOf(what: string, file: string, shown: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new Error(`${what}: cannot read ${shown}: ${reason(e)}`);
  }
}

function reason(e: unknown): string {
  switch ((e as NodeJS.ErrnoException)?.code) {
    case 'ELOOP': return 'it is a loop of symbolic links (ELOOP). Replace the links with the release\'s files';
    case 'ENOENT': return 'it is a symbolic link to a file that does not exist (ENOENT). Remove the link or restore its target';
    case 'EACCES': return 'permission denied (EACCES). Make the file readable for the user that runs the synth';
    case 'EISDIR': return 'it is a directory (EISDIR). A release folder holds only the release\'s files';
    default: return e instanceof Error ? e.message : String(e);
  }
}

function byteOrder(a: string, b: string): number {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return Buffer.compare(x, y);
}
