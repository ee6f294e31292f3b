import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';

/** One YAML file to parse. */
export interface YamlSource {
  /** File name (or URL), for messages. */
  readonly name: string;
  /** Its text. */
  readonly text: string;
}

/** A parsed document and where it came from. */
export interface YamlDocument {
  /** The file it came from. */
  readonly file: string;
  /** Its position in that file, from 1. */
  readonly index: number;
  /** The parsed document. */
  readonly value: any;
}

// YAML is parsed by cdk8s's own Yaml.load, not a second parser. Yaml.load starts a child process per
// call (~150 ms), so the files of a folder are parsed as one stream, with a marker document before
// each file so that messages can still name the file. Parsed streams are kept by content: apps and
// tests read the same release several times, and parsing a 1 MB install folder takes ~0.5 s.
const FILE_MARKER_KIND = 'cdk8s-strimzi-keda/source-file';
const parsed = new Map<string, YamlDocument[]>();

/** Parses the files; the documents are copies the caller may change. */
export function parseYamlSources(what: string, sources: YamlSource[]): YamlDocument[] {
  const stream = sources.map(s => `${JSON.stringify({ kind: FILE_MARKER_KIND, name: s.name })}\n---\n${s.text}`).join('\n---\n');
  const key = createHash('sha256').update(stream).digest('hex');
  let documents = parsed.get(key);
  if (!documents) {
    documents = split(yamlLoad(what, stream), sources[0]?.name ?? '');
    parsed.set(key, documents);
  }
  return documents.map(d => ({ ...d, value: structuredClone(d.value) }));
}

function split(values: any[], first: string): YamlDocument[] {
  const documents = new Array<YamlDocument>();
  let file = first;
  let index = 0;
  for (const value of values) {
    if (value?.kind === FILE_MARKER_KIND && Object.keys(value).length === 2) {
      file = value.name;
      index = 0;
      continue;
    }
    documents.push({ file, index: ++index, value });
  }
  return documents;
}

function yamlLoad(what: string, text: string): any[] {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-strimzi-keda-'));
  try {
    const file = path.join(tmp, 'documents.yaml');
    fs.writeFileSync(file, text);
    return Yaml.load(file);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new Error(`${what}: cannot parse YAML: ${message.split('\n').find(l => l.trim().length > 0) ?? message}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
