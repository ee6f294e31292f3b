import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as path from 'path';
import { scratchDir, UPSTREAM_DIR } from './fixtures';
import {
  checkFolder, FETCH_COMMAND, fetchUpstream, findUpstream, UPSTREAM_ENV, UpstreamOptions, UpstreamRelease, upstreamReleases,
} from '../fixtures/upstream';

// The download path of fixtures/upstream.ts, against a server on 127.0.0.1 that serves the upstream
// files at the URLs raw.githubusercontent.com has them (<owner>/<repo>/<tag>/<path>).

const release = (project: string, version: string) => upstreamReleases().find(r => r.project === project && r.version === version)!;
const KEDA = release('keda', '2.20.2');
const STRIMZI = release('strimzi', '1.2.0');

interface Server {
  readonly baseUrl: string;
  readonly requests: string[];
  close(): Promise<void>;
}

/** Serves the files of `releases` from the upstream folder; `tamper` changes the bytes of one URL path. */
async function serve(releases: UpstreamRelease[], tamper?: string): Promise<Server> {
  const byUrl = new Map(releases.flatMap(r => r.files).map(f => [`/${f.url}`, path.join(UPSTREAM_DIR, f.path)]));
  const requests = new Array<string>();
  const server = http.createServer((req, res) => {
    requests.push(req.url!);
    const file = byUrl.get(req.url!);
    if (!file) {
      res.writeHead(404).end('404: Not Found');
      return;
    }
    const bytes = fs.readFileSync(file);
    res.writeHead(200).end(req.url === tamper ? Buffer.concat([bytes, Buffer.from('# one more line\n')]) : bytes);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}

let scratch: string;
let options: UpstreamOptions;
beforeEach(() => {
  scratch = scratchDir();
  options = { releases: [KEDA, STRIMZI], env: {}, sharedDir: path.join(scratch, 'no-shared'), cacheDir: path.join(scratch, 'cache') };
});
afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

test('downloads every file of the pinned releases from their tags into the cache, and then reads the cache', async () => {
  const server = await serve([KEDA, STRIMZI]);
  try {
    expect(await fetchUpstream({ ...options, baseUrl: server.baseUrl })).toBe(options.cacheDir);
    expect(server.requests.sort()).toEqual([KEDA, STRIMZI].flatMap(r => r.files).map(f => `/${f.url}`).sort());
    expect(server.requests).toContain('/kedacore/keda/v2.20.2/config/crd/bases/keda.sh_scaledobjects.yaml');
    expect(server.requests).toContain('/strimzi/strimzi-kafka-operator/1.2.0/packaging/install/cluster-operator/040-Crd-kafka.yaml');
    expect(server.requests).toContain('/strimzi/strimzi-kafka-operator/1.2.0/kafka-versions.yaml');
    expect(checkFolder(options.cacheDir!, [KEDA, STRIMZI])).toBeUndefined();

    // A second run finds everything in the cache and asks for nothing.
    server.requests.length = 0;
    expect(await fetchUpstream({ ...options, baseUrl: server.baseUrl })).toBe(options.cacheDir);
    expect(findUpstream(options)).toBe(options.cacheDir);
    expect(server.requests).toEqual([]);
  } finally {
    await server.close();
  }
});

test('refuses a file whose bytes do not match the recorded digest, and does not keep it', async () => {
  const file = KEDA.files.find(f => f.path.endsWith('keda.sh_scaledobjects.yaml'))!;
  const server = await serve([KEDA], `/${file.url}`);
  try {
    const error = await fetchUpstream({ ...options, releases: [KEDA], baseUrl: server.baseUrl }).then(() => undefined, (e: Error) => e.message);
    expect(error).toMatch(new RegExp(`downloading them failed: GET ${server.baseUrl}/${file.url}: sha256 [0-9a-f]{64}, `
      + `not the recorded ${file.sha256}; the file was not saved\\.`));
    expect(fs.existsSync(path.join(options.cacheDir!, file.path))).toBe(false);
    expect(() => findUpstream({ ...options, releases: [KEDA] })).toThrow(/are not on this machine/);
  } finally {
    await server.close();
  }
});

test('a file that changed in the cache is downloaded again', async () => {
  const server = await serve([KEDA]);
  try {
    await fetchUpstream({ ...options, releases: [KEDA], baseUrl: server.baseUrl });
    const changed = path.join(options.cacheDir!, KEDA.files[0].path);
    fs.appendFileSync(changed, '\n');
    server.requests.length = 0;
    await fetchUpstream({ ...options, releases: [KEDA], baseUrl: server.baseUrl });
    expect(server.requests).toEqual([`/${KEDA.files[0].url}`]);
    expect(checkFolder(options.cacheDir!, [KEDA])).toBeUndefined();
  } finally {
    await server.close();
  }
});

test('with no files and no network, one error says what to do: the command, the variable, the folder', async () => {
  const server = await serve([]);
  await server.close(); // nothing listens on that port any more
  const error = await fetchUpstream({ ...options, baseUrl: server.baseUrl }).then(() => undefined, (e: Error) => e.message);
  const lines = error!.split('\n');
  expect(lines[0]).toBe('The upstream Strimzi and KEDA release files that the examples and tests read are not on this machine, and downloading them failed: '
    + `GET ${server.baseUrl}/${KEDA.files[0].url}: connect ECONNREFUSED ${server.baseUrl.replace('http://', '')}. Do one of:`);
  expect(lines.slice(1)).toEqual([
    `  - run \`${FETCH_COMMAND}\` (it downloads them from the release tags on GitHub into ${options.cacheDir}); on a machine without`,
    '    access to raw.githubusercontent.com, run it elsewhere and copy that folder here;',
    `  - set ${UPSTREAM_ENV} to a folder that holds them (strimzi/<version>/install/*.yaml, strimzi/<version>/kafka-versions.yaml, keda/<version>/crds/*.yaml);`,
    `  - or put that folder at ${options.sharedDir}.`,
    `Files and digests: ${path.resolve(__dirname, '..', 'fixtures', 'releases.json')}. `
      + `Checked: ${options.sharedDir} does not exist; ${options.cacheDir} does not exist.`,
  ]);
  // Looking up without downloading says the same, without the download error.
  expect(() => findUpstream(options)).toThrow(/^The upstream Strimzi and KEDA release files that the examples and tests read are not on this machine\. Do one of:\n/);
});

test(`${UPSTREAM_ENV} comes first, and a folder it names must hold every file`, () => {
  expect(findUpstream({ ...options, env: { [UPSTREAM_ENV]: UPSTREAM_DIR } })).toBe(UPSTREAM_DIR);
  const partial = path.join(scratch, 'partial');
  fs.cpSync(path.join(UPSTREAM_DIR, 'keda'), path.join(partial, 'keda'), { recursive: true });
  expect(() => findUpstream({ ...options, env: { [UPSTREAM_ENV]: partial } })).toThrow(
    `${UPSTREAM_ENV}=${partial}: ${path.join(partial, STRIMZI.files[0].path)} is missing. `
    + `It must hold the unmodified upstream files listed in ${path.resolve(__dirname, '..', 'fixtures', 'releases.json')} `
    + `(strimzi/<version>/install/*.yaml, strimzi/<version>/kafka-versions.yaml, keda/<version>/crds/*.yaml); unset it to use ${FETCH_COMMAND}`);
});

test('../shared/upstream comes before the cache, and a folder with a changed file is not used', () => {
  expect(findUpstream({ ...options, sharedDir: UPSTREAM_DIR })).toBe(UPSTREAM_DIR);
  const changed = path.join(scratch, 'changed');
  fs.cpSync(path.join(UPSTREAM_DIR, 'keda', '2.20.2'), path.join(changed, 'keda', '2.20.2'), { recursive: true });
  fs.appendFileSync(path.join(changed, KEDA.files[0].path), '\n');
  expect(checkFolder(changed, [KEDA])).toMatch(new RegExp(`^${path.join(changed, KEDA.files[0].path)} has sha256 [0-9a-f]{64}, not the upstream file's ${KEDA.files[0].sha256}$`));
  expect(() => findUpstream({ ...options, releases: [KEDA], sharedDir: changed })).toThrow(/are not on this machine/);
});

test('fixtures/releases.json pins every release the tests use, by tag, with a digest per file', () => {
  const releases = upstreamReleases();
  expect(releases.map(r => `${r.project} ${r.version}`)).toEqual([
    'strimzi 0.41.0', 'strimzi 0.43.0', 'strimzi 0.45.0', 'strimzi 0.49.1', 'strimzi 0.51.0', 'strimzi 1.0.0', 'strimzi 1.2.0',
    'keda 2.14.1', 'keda 2.15.1', 'keda 2.16.1', 'keda 2.18.3', 'keda 2.20.2',
  ]);
  expect(releases.map(r => r.files.length)).toEqual([29, 29, 29, 28, 28, 28, 28, 5, 5, 6, 6, 6]);
  expect(releases.flatMap(r => r.files).filter(f => !/^[0-9a-f]{64}$/.test(f.sha256))).toEqual([]);
});
