import { ChildProcess, execSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { StrimziRelease } from '../../src';
import { kafkaVersionsFile, scratchDir, STRIMZI_VERSIONS, strimziInstallDir, strimziRelease } from '../fixtures';

describe.each(STRIMZI_VERSIONS)('StrimziRelease.fromDirectory, Strimzi %s', (version) => {
  const release = strimziRelease(version);

  test('knows its version from the operator image tag', () => {
    expect(release.version).toBe(version);
  });

  test('reports the Kafka versions the operator supports, as kafka-versions.yaml lists them', () => {
    const supported = kafkaVersionsFile(version).filter(v => v.supported).map(v => v.version);
    expect(release.kafkaVersions).toEqual(supported);
  });

  test('reads every CRD of the release', () => {
    // 0.46 removed the MirrorMaker 1 CRD: 11 CRDs before, 10 after (domain-strimzi.md §1).
    expect(release.crdNames).toHaveLength(Number(version.split('.')[1]) < 46 && version.startsWith('0.') ? 11 : 10);
    expect(release.crdNames).toContain('kafkaconnectors.kafka.strimzi.io');
  });

  test('its sha256 is what the documented sha256sum command prints', () => {
    const dir = strimziInstallDir(version);
    const digest = execSync('LC_ALL=C sha256sum *.yaml | sha256sum', { cwd: dir, shell: '/bin/bash' }).toString().split(' ')[0];
    expect(release.sha256).toBe(digest);
    expect(StrimziRelease.fromDirectory(dir, { sha256: digest }).version).toBe(version);
  });
});

describe('other inputs', () => {
  let tmp: string;
  beforeEach(() => { tmp = scratchDir(); });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** The release as one multi-document file, like the release asset strimzi-cluster-operator-<v>.yaml. */
  function bundle(version: string, edit: (text: string, file: string) => string = t => t): string {
    const dir = strimziInstallDir(version);
    const text = fs.readdirSync(dir).sort().map(f => edit(fs.readFileSync(path.join(dir, f), 'utf-8'), f)).join('---\n');
    const file = path.join(tmp, `strimzi-cluster-operator-${version}.yaml`);
    fs.writeFileSync(file, text);
    return file;
  }

  /** A copy of the install folder with some files replaced or edited. */
  function installCopy(version: string, edit: (text: string, file: string) => string | undefined): string {
    const src = strimziInstallDir(version);
    const dir = path.join(tmp, `install-${version}`);
    fs.mkdirSync(dir);
    for (const f of fs.readdirSync(src)) {
      const text = edit(fs.readFileSync(path.join(src, f), 'utf-8'), f);
      if (text !== undefined) fs.writeFileSync(path.join(dir, f), text);
    }
    return dir;
  }

  test('fromFile reads one multi-document YAML and pins its sha256', () => {
    const file = bundle('0.45.0');
    const digest = execSync(`sha256sum ${file}`).toString().split(' ')[0];
    const release = StrimziRelease.fromFile(file, { sha256: digest.toUpperCase() });
    expect(release.version).toBe('0.45.0');
    expect(release.sha256).toBe(digest);
    expect(release.crdNames).toEqual(strimziRelease('0.45.0').crdNames);
  });

  test('a wrong sha256 is an error that shows both digests', () => {
    const file = bundle('1.2.0');
    const actual = execSync(`sha256sum ${file}`).toString().split(' ')[0];
    const pinned = '0'.repeat(64);
    expect(() => StrimziRelease.fromFile(file, { sha256: pinned })).toThrow(
      `StrimziRelease.fromFile(${JSON.stringify(file)}): sha256 mismatch: expected ${pinned}, got ${actual}. `
      + 'The input is not the one that was pinned; check where it came from before pinning the new digest');
    expect(() => StrimziRelease.fromDirectory(strimziInstallDir('1.2.0'), { sha256: pinned })).toThrow(/sha256 mismatch: expected 0{64}, got [0-9a-f]{64}/);
  });

  test('a sha256 that is not a digest is an error', () => {
    expect(() => StrimziRelease.fromDirectory(strimziInstallDir('1.2.0'), { sha256: 'abc' }))
      .toThrow('sha256 option: "abc" is not a sha256 digest (64 hex digits)');
  });

  test('a directory that does not exist is an error that shows where it looked and what the folder holds', () => {
    const contents = 'It should be the install/cluster-operator/ folder of a Strimzi release (in strimzi-<version>.tar.gz, or at the release tag '
      + 'of github.com/strimzi/strimzi-kafka-operator), with the CRDs (04*-Crd-*.yaml) and the operator\'s RBAC, ConfigMap and Deployment '
      + '(060-Deployment-strimzi-cluster-operator.yaml)';
    expect(() => StrimziRelease.fromDirectory('/no/such/dir'))
      .toThrow(`StrimziRelease.fromDirectory("/no/such/dir"): directory /no/such/dir does not exist. ${contents}`);
    expect(() => StrimziRelease.fromDirectory('vendor/strimzi-1.2.0/install/cluster-operator'))
      .toThrow(`StrimziRelease.fromDirectory("vendor/strimzi-1.2.0/install/cluster-operator"): directory ${path.resolve('vendor/strimzi-1.2.0/install/cluster-operator')} `
        + `(vendor/strimzi-1.2.0/install/cluster-operator, from the working directory ${process.cwd()}) does not exist. ${contents}`);
  });

  test('a file that does not exist is an error', () => {
    expect(() => StrimziRelease.fromFile('/no/such/file.yaml'))
      .toThrow('StrimziRelease.fromFile("/no/such/file.yaml"): file /no/such/file.yaml does not exist. It should be one YAML file with every '
        + 'install file of a Strimzi release, such as the release asset strimzi-cluster-operator-<version>.yaml');
  });

  test('a release root instead of its install folder gets a hint', () => {
    const root = path.join(tmp, 'strimzi-1.2.0');
    fs.mkdirSync(path.join(root, 'install', 'cluster-operator'), { recursive: true });
    expect(() => StrimziRelease.fromDirectory(root)).toThrow(
      `no .yaml files in the directory. This looks like a release root: use StrimziRelease.fromDirectory(${JSON.stringify(path.join(root, 'install', 'cluster-operator'))})`);
  });

  test('garbage YAML is an error naming the file and the document', () => {
    const dir = installCopy('1.2.0', (text, f) => f.startsWith('050-') ? 'kind: ConfigMap\nmetadata: {name: [\n  oops: ::\n' : text);
    expect(() => StrimziRelease.fromDirectory(dir)).toThrow(
      /: 050-ConfigMap-strimzi-cluster-operator.yaml is not valid YAML: document 1, .* at line 3, column \d+\. Use the release's files as published$/);
    const file = path.join(tmp, 'garbage.yaml');
    fs.writeFileSync(file, '\u0000\u0001 this is not YAML at all');
    expect(() => StrimziRelease.fromFile(file)).toThrow(/document 1 of garbage.yaml is not a Kubernetes object/);
  });

  test('input without CRDs is an error', () => {
    const dir = installCopy('1.2.0', (text, f) => f.includes('-Crd-') ? undefined : text);
    expect(() => StrimziRelease.fromDirectory(dir)).toThrow(/no CustomResourceDefinitions found/);
  });

  test('input without the operator Deployment is an error', () => {
    const dir = installCopy('1.2.0', (text, f) => f.includes('-Crd-') ? text : undefined);
    expect(() => StrimziRelease.fromDirectory(dir)).toThrow(/no operator Deployment found\. .*strimzi-crds-<version>\.yaml is not enough/);
  });

  test('CRDs of one release with the operator of another are an error', () => {
    const dir = installCopy('1.2.0', (text, f) => f.includes('-Crd-') ? undefined : text);
    const old = strimziInstallDir('0.45.0');
    for (const f of fs.readdirSync(old).filter(n => n.includes('-Crd-'))) {
      fs.copyFileSync(path.join(old, f), path.join(dir, f));
    }
    expect(() => StrimziRelease.fromDirectory(dir)).toThrow(
      /two different Strimzi versions: the operator is 1\.2\.0, whose CRDs serve v1, but the CRD kafkas\.kafka\.strimzi\.io does not serve it/);
  });

  test('two operator Deployments of different releases are an error', () => {
    const file = bundle('1.2.0');
    fs.appendFileSync(file, '---\n' + fs.readFileSync(path.join(strimziInstallDir('1.0.0'), '060-Deployment-strimzi-cluster-operator.yaml'), 'utf-8'));
    expect(() => StrimziRelease.fromFile(file)).toThrow(
      /more than one operator Deployment: strimzi-cluster-operator \(1\.2\.0\), strimzi-cluster-operator \(1\.0\.0\)/);
  });

  test('a Deployment whose images name two versions is an error', () => {
    const file = bundle('1.2.0', t => t.replace('4.3.1=quay.io/strimzi/kafka:1.2.0-kafka-4.3.1', '4.3.1=quay.io/strimzi/kafka:1.1.0-kafka-4.3.1'));
    expect(() => StrimziRelease.fromFile(file)).toThrow(
      'two different Strimzi versions: the operator image is 1.2.0, but STRIMZI_KAFKA_IMAGES names quay.io/strimzi/kafka:1.1.0-kafka-4.3.1');
  });

  test('a release older than 0.41.0 is refused with the reason', () => {
    const file = bundle('0.41.0', t => t.replace(/(strimzi\/[a-z-]+:)0\.41\.0/g, '$10.40.0'));
    expect(() => StrimziRelease.fromFile(file)).toThrow(
      `StrimziRelease.fromFile(${JSON.stringify(file)}): Strimzi 0.40.0 is not supported: this library needs Strimzi 0.41.0 or later, `
      + 'because it emits KRaft clusters with KafkaNodePools (GA in 0.41.0) and does not support ZooKeeper-based clusters. '
      + 'Use a release from 0.41.0 on');
  });

  test('objects that are not part of a Strimzi install are refused', () => {
    const file = bundle('1.2.0');
    fs.appendFileSync(file, '---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: oops\n');
    expect(() => StrimziRelease.fromFile(file)).toThrow(/unexpected Secret "oops": a Strimzi release's install\/cluster-operator files contain only/);
  });

  // Issue 11: a release folder holds the release's files and nothing else; whatever else is in it is
  // named with the file and the reason, never a raw ELOOP, ENOBUFS or a silently emitted object.
  describe('what is in the release folder', () => {
    const crd = (name: string, group: string, plural: string) => 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n'
      + `metadata:\n  name: ${name}\nspec:\n  group: ${group}\n  names: {kind: KafkaConnector, plural: ${plural}}\n  scope: Namespaced\n`
      + '  versions: [{name: v1, served: true, storage: true}]\n';

    test.each([
      ['widgets.example.com', 'example.com', 'widgets'],
      ['kafkaconnectors.kafka.example.com', 'kafka.example.com', 'kafkaconnectors'],
      ['connectors.kafka.strimzi.io', 'kafka.strimzi.io', 'kafkaconnectors'],
    ])('a CRD that is not Strimzi\'s (%s) is refused, not emitted', (name, group, plural) => {
      const dir = installCopy('1.2.0', t => t);
      fs.writeFileSync(path.join(dir, '099-Crd-extra.yaml'), crd(name, group, plural));
      expect(() => StrimziRelease.fromDirectory(dir)).toThrow(`: the CRD ${name} (API group "${group}") is not one of Strimzi's: a release's CRDs `
        + 'are named <plural>.<group> in the groups kafka.strimzi.io and core.strimzi.io. Remove it from the release\'s files; '
        + 'add CRDs of other projects to a chart of your own');
    });

    test('a loop of symbolic links and a dangling link are named with the file', () => {
      const dir = installCopy('1.2.0', t => t);
      fs.symlinkSync(path.join(dir, 'b.yaml'), path.join(dir, 'a.yaml'));
      fs.symlinkSync(path.join(dir, 'a.yaml'), path.join(dir, 'b.yaml'));
      expect(() => StrimziRelease.fromDirectory(dir)).toThrow(
        `StrimziRelease.fromDirectory(${JSON.stringify(dir)}): cannot read a.yaml: it is a loop of symbolic links (ELOOP). Replace the links with the release's files`);
      expect(() => StrimziRelease.fromFile(path.join(dir, 'a.yaml'))).toThrow(
        `: cannot read ${path.join(dir, 'a.yaml')}: it is a loop of symbolic links (ELOOP)`);
      fs.rmSync(path.join(dir, 'a.yaml'));
      expect(() => StrimziRelease.fromDirectory(dir)).toThrow(
        'cannot read b.yaml: it is a symbolic link to a file that does not exist (ENOENT). Remove the link or restore its target');
    });

    test('a file far larger than any release is refused before it is read', () => {
      const dir = installCopy('1.2.0', t => t);
      // Sparse: the size is what stat reports, without writing 17 MB.
      const huge = path.join(dir, '000-huge.yaml');
      fs.writeFileSync(huge, '');
      fs.truncateSync(huge, 17 * 1024 * 1024);
      expect(() => StrimziRelease.fromDirectory(dir)).toThrow(/: the \.yaml files in .*: \d+ bytes is more than the 16777216 this library reads from one release \(a release's install files are under 2 MB\)\. Is the path right\?/);
      expect(() => StrimziRelease.fromFile(huge)).toThrow(/: 17825792 bytes is more than the 16777216/);
    });

    test('a byte order mark and a %YAML directive are valid YAML and read as such', () => {
      const plain = StrimziRelease.fromDirectory(strimziInstallDir('1.2.0'));
      const marked = StrimziRelease.fromDirectory(installCopy('1.2.0', (t, f) => f.startsWith('06') ? `\uFEFF${t}` : f.startsWith('04') ? `%YAML 1.2\n---\n${t}` : t));
      expect(marked._crds).toEqual(plain._crds);
      expect(marked._operatorObjects).toEqual(plain._operatorObjects);
    });

    // Files were once parsed as one stream with a marker document before each, and a document that
    // looked like a marker was dropped. Each file is parsed on its own now; such a document is refused.
    test('a document that looks like the old file marker is refused like any other non-object', () => {
      const dir = installCopy('1.2.0', (t, f) => f.startsWith('050-') ? `${t}\n---\n{"kind": "cdk8s-strimzi-keda/source-file", "name": "x.yaml"}\n` : t);
      expect(() => StrimziRelease.fromDirectory(dir)).toThrow(/: document 2 of 050-ConfigMap-strimzi-cluster-operator.yaml is not a Kubernetes object/);
    });

    test('YAML that does not parse is named with the file, the document and the line', () => {
      const dir = installCopy('1.2.0', (t, f) => f.startsWith('060-') ? t.replace('spec:', 'spec:\n\tx: 1') : t);
      expect(() => StrimziRelease.fromDirectory(dir)).toThrow(
        ': 060-Deployment-strimzi-cluster-operator.yaml is not valid YAML: document 1, Tabs are not allowed as indentation at line 8, column 1. '
        + 'Use the release\'s files as published');
    });
  });

  describe('fromUrl', () => {
    let server: ChildProcess;
    let base: string;
    beforeAll(async () => {
      const root = scratchDir();
      const file = path.join(root, 'strimzi-cluster-operator-1.0.0.yaml');
      const dir = strimziInstallDir('1.0.0');
      fs.writeFileSync(file, fs.readdirSync(dir).sort().map(f => fs.readFileSync(path.join(dir, f), 'utf-8')).join('---\n'));
      // A server in another process: the download runs synchronously and would block one in ours.
      server = spawn(process.execPath, ['-e', `
        const http = require('http'); const fs = require('fs');
        http.createServer((req, res) => {
          if (req.url === '/release.yaml') { res.end(fs.readFileSync(${JSON.stringify(file)})); }
          else if (req.url === '/moved') { res.writeHead(302, { location: '/release.yaml' }); res.end(); }
          else { res.writeHead(404); res.end(); }
        }).listen(0, '127.0.0.1', function () { console.log(this.address().port); });
      `]);
      base = await new Promise<string>(resolve => server.stdout!.once('data', d => resolve(`http://127.0.0.1:${String(d).trim()}`)));
    });
    afterAll(() => server.kill());

    test('downloads, follows redirects and verifies the pinned sha256', () => {
      const release = StrimziRelease.fromUrl(`${base}/moved`);
      expect(release.version).toBe('1.0.0');
      expect(StrimziRelease.fromUrl(`${base}/release.yaml`, { sha256: release.sha256 }).crdNames).toEqual(release.crdNames);
    });

    test('an HTTP error is reported', () => {
      expect(() => StrimziRelease.fromUrl(`${base}/missing.yaml`))
        .toThrow(`StrimziRelease.fromUrl("${base}/missing.yaml"): download failed: HTTP 404 Not Found`);
    });

    test('only http and https are accepted', () => {
      expect(() => StrimziRelease.fromUrl('ftp://example.com/x.yaml'))
        .toThrow('StrimziRelease.fromUrl("ftp://example.com/x.yaml"): only http:// and https:// URLs are supported');
    });
  });
});
