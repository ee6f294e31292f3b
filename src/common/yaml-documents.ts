import { createHash } from 'crypto';
import { parseAllDocuments } from 'yaml';

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
  /** The parsed document, frozen: copy it (`structuredClone`) to change it. */
  readonly value: any;
}

// YAML is parsed in this process, with the `yaml` package at the version cdk8s bundles and the
// options of cdk8s's `Yaml.load` (the YAML 1.1 schema, empty documents skipped), so the documents
// are the ones cdk8s would read. `Yaml.load` itself starts a child process per call, even for a
// local file (~160 ms; cdk8s lib/yaml.ts `loadurl`). Parsed files are kept by content: apps and
// tests read the same release several times, and parsing a 1 MB install folder takes ~0.4 s.
const parsed = new Map<string, YamlDocument[]>();

/** Parses the files; the documents are frozen and may be shared with other callers. */
export function parseYamlSources(what: string, sources: YamlSource[]): YamlDocument[] {
  const hash = createHash('sha256');
  for (const s of sources) {
    hash.update(`${s.name.length}:${s.name}${s.text.length}:`).update(s.text);
  }
  const key = hash.digest('hex');
  let documents = parsed.get(key);
  if (!documents) {
    documents = sources.flatMap(s => parseFile(what, s));
    parsed.set(key, documents);
  }
  return documents;
}

// Unlike cdk8s's Yaml.load, which returns whatever it could read, a syntax error is an error here:
// release files are valid YAML, so a broken one was edited or truncated, and its objects must not
// be emitted half-read.
function parseFile(what: string, source: YamlSource): YamlDocument[] {
  const documents = new Array<YamlDocument>();
  let position = 0;
  for (const doc of parseAllDocuments(source.text, { version: '1.1' })) {
    position++;
    const error = doc.errors[0];
    if (error) {
      throw new Error(`${what}: ${source.name} is not valid YAML: document ${position}, ${firstLine(error.message)}. `
        + 'Use the release\'s files as published');
    }
    let value: unknown;
    try {
      value = doc.toJSON();
    } catch (e) {
      throw new Error(`${what}: cannot parse YAML in ${source.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!isEmpty(value)) {
      documents.push({ file: source.name, index: documents.length + 1, value: deepFreeze(value) });
    }
  }
  return documents;
}

// What cdk8s's Yaml.load skips.
function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0)
    || (typeof value === 'object' && Object.keys(value as object).length === 0);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) {
      deepFreeze(child);
    }
  }
  return value;
}

function firstLine(text: string): string {
  return text.split('\n')[0].replace(/:$/, '');
}
