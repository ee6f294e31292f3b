import { LoadedManifests, loadDirectory, loadFile, loadUrl } from './manifest-source';
import { MINIMUM_STRIMZI_VERSION, servesApiVersion } from './release-facts';
import { checkInput, instanceOf, STRING, struct } from '../common/input-shape';
import { JsonObject, Manifest } from '../common/manifest';
import { Version } from '../common/version';

/**
 * How to read a Strimzi release.
 */
export interface StrimziReleaseOptions {
  /**
   * The sha256 digest (64 hex digits) the input must have; a mismatch is an error.
   *
   * For a file or URL it is the digest of the bytes (`sha256sum <file>`). For a directory it is the
   * digest of the `sha256sum` listing of its YAML files in byte order of their names
   * (`cd <dir> && LC_ALL=C sha256sum *.yaml | sha256sum`). `StrimziRelease.sha256` shows the value
   * of what was read.
   *
   * @default - the input is not verified
   */
  readonly sha256?: string;
}

// The kinds a release's install/cluster-operator/ folder contains (`TAG:packaging/install/cluster-operator/`).
const OPERATOR_KINDS = ['ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'RoleBinding', 'ConfigMap', 'Deployment'];
const CRD_KIND = 'CustomResourceDefinition';
// The API groups of the CRDs a release ships (`TAG:packaging/install/cluster-operator/04*-Crd-*.yaml`:
// kafka.strimzi.io for the Kafka resources, core.strimzi.io for StrimziPodSet).
const STRIMZI_GROUPS = ['kafka.strimzi.io', 'core.strimzi.io'];

// Images the operator Deployment names that carry the Strimzi version in their tag:
// operator:<v>, kaniko-executor:<v>, buildah:<v>, maven-builder:<v> and kafka:<v>-kafka-<kafka>.
// The bridge image is versioned on its own (quay.io/strimzi/kafka-bridge:1.1.0 in Strimzi 1.2.0).
const VERSIONED_IMAGES = ['operator', 'kaniko-executor', 'buildah', 'maven-builder', 'kafka'];

/**
 * A Strimzi release: its CRDs, its Cluster Operator install and the facts derived from them.
 *
 * The library embeds no upstream files; it reads the release's own install files. One release
 * object feeds both the CRD stage and the operator stage, so their versions cannot differ.
 *
 * @example
 * StrimziRelease.fromDirectory('vendor/strimzi-1.2.0/install/cluster-operator');
 * StrimziRelease.fromFile('vendor/strimzi-cluster-operator-1.2.0.yaml', { sha256: '...' });
 */
export class StrimziRelease {
  /** The oldest Strimzi release this library supports. */
  public static readonly MINIMUM_VERSION = MINIMUM_STRIMZI_VERSION;

  /**
   * Reads a release's `install/cluster-operator/` folder (all `*.yaml` files in it).
   *
   * @param directory path of the folder
   */
  public static fromDirectory(directory: string, options: StrimziReleaseOptions = {}): StrimziRelease {
    checkSource('StrimziRelease.fromDirectory', 'directory', directory, options);
    const what = `StrimziRelease.fromDirectory(${JSON.stringify(directory)})`;
    return new StrimziRelease(what, directory, () => loadDirectory(what, directory), options);
  }

  /**
   * Reads one multi-document YAML file, for example the release asset
   * `strimzi-cluster-operator-<version>.yaml`.
   *
   * @param file path of the file
   */
  public static fromFile(file: string, options: StrimziReleaseOptions = {}): StrimziRelease {
    checkSource('StrimziRelease.fromFile', 'file', file, options);
    const what = `StrimziRelease.fromFile(${JSON.stringify(file)})`;
    return new StrimziRelease(what, file, () => loadFile(what, file), options);
  }

  /**
   * Downloads one multi-document YAML file (http or https), for example
   * `https://github.com/strimzi/strimzi-kafka-operator/releases/download/1.2.0/strimzi-cluster-operator-1.2.0.yaml`.
   * Pin `sha256` so that a synth never silently uses different bytes.
   *
   * @param url the address of the file
   */
  public static fromUrl(url: string, options: StrimziReleaseOptions = {}): StrimziRelease {
    checkSource('StrimziRelease.fromUrl', 'url', url, options);
    const what = `StrimziRelease.fromUrl(${JSON.stringify(url)})`;
    return new StrimziRelease(what, url, () => loadUrl(what, url), options);
  }

  /** The Strimzi version, read from the operator Deployment's image tag (for example `1.2.0`). */
  public readonly version: string;

  /** Where the release was read from (directory, file or URL). */
  public readonly source: string;

  /** The sha256 of what was read; pass it as `sha256` to pin this input. */
  public readonly sha256: string;

  /** Names of the CustomResourceDefinitions in the release, sorted. */
  public readonly crdNames: string[];

  /** Kafka versions the operator supports (from the Deployment's `STRIMZI_KAFKA_IMAGES`). */
  public readonly kafkaVersions: string[];

  /** @internal */
  public readonly _version: Version;

  /** @internal the CRDs, as read */
  public readonly _crds: Manifest[];

  /** @internal ServiceAccount, RBAC, ConfigMap and Deployment, as read */
  public readonly _operatorObjects: Manifest[];

  private readonly what: string;

  private constructor(what: string, source: string, load: () => LoadedManifests, options: StrimziReleaseOptions) {
    this.what = what;
    this.source = source;
    const pinned = options.sha256 === undefined ? undefined : normalizeDigest(what, options.sha256);
    const loaded = load();
    if (pinned !== undefined && pinned !== loaded.sha256) {
      throw new Error(`${what}: sha256 mismatch: expected ${pinned}, got ${loaded.sha256}. `
        + 'The input is not the one that was pinned; check where it came from before pinning the new digest');
    }
    this.sha256 = loaded.sha256;

    const crds = new Array<Manifest>();
    const operatorObjects = new Array<Manifest>();
    for (const obj of loaded.objects) {
      if (obj.kind === CRD_KIND) {
        crds.push(obj);
      } else if (OPERATOR_KINDS.includes(obj.kind)) {
        operatorObjects.push(obj);
      } else {
        throw new Error(`${what}: unexpected ${obj.kind} "${obj.metadata.name}": a Strimzi release's install/cluster-operator `
          + `files contain only CustomResourceDefinitions and ${OPERATOR_KINDS.join(', ')}`);
      }
    }

    const deployment = this.operatorDeployment(operatorObjects);
    this._version = this.versionOf(deployment);
    this.version = this._version.toString();
    if (this._version.isBelow(MINIMUM_STRIMZI_VERSION)) {
      throw new Error(`${what}: Strimzi ${this.version} is not supported: this library needs Strimzi `
        + `${MINIMUM_STRIMZI_VERSION} or later, because it emits KRaft clusters with KafkaNodePools (GA in 0.41.0) `
        + 'and does not support ZooKeeper-based clusters. Use a release from 0.41.0 on');
    }
    this.checkImages(deployment);
    this.kafkaVersions = kafkaImageVersions(deployment);

    this.checkCrds(crds);
    this._crds = crds;
    this._operatorObjects = operatorObjects;
    this.crdNames = crds.map(c => c.metadata.name as string).sort();
  }

  /**
   * The CRD with the given kind (for example `KafkaConnector`), as read.
   * @internal
   */
  public _crd(kind: string): Manifest | undefined {
    return this._crds.find(c => c.spec?.names?.kind === kind);
  }

  private operatorDeployment(objects: Manifest[]): Manifest {
    const deployments = objects.filter(o => o.kind === 'Deployment');
    if (deployments.length === 0) {
      throw new Error(`${this.what}: no operator Deployment found. A Strimzi install folder has `
        + '060-Deployment-strimzi-cluster-operator.yaml; the CRD-only asset strimzi-crds-<version>.yaml is not enough');
    }
    if (deployments.length > 1) {
      const versions = deployments.map(d => `${d.metadata.name} (${imageTag(operatorImage(d)) ?? 'no version'})`);
      throw new Error(`${this.what}: more than one operator Deployment: ${versions.join(', ')}. `
        + 'The input mixes two releases or two installs; use the files of exactly one release');
    }
    return deployments[0];
  }

  private versionOf(deployment: Manifest): Version {
    const image = operatorImage(deployment);
    if (image === undefined) {
      throw new Error(`${this.what}: the Deployment "${deployment.metadata.name}" runs no Strimzi operator image `
        + '(expected a container image named .../operator:<version>)');
    }
    const version = Version.tryParse(imageTag(image) ?? '');
    if (!version) {
      throw new Error(`${this.what}: cannot tell the Strimzi version: the operator image "${image}" has no `
        + 'MAJOR.MINOR.PATCH tag');
    }
    return version;
  }

  // The operator Deployment names the images of the same release in its env; another version there
  // means the files were edited or mixed from two releases.
  private checkImages(deployment: Manifest) {
    const version = this.version;
    for (const container of containers(deployment)) {
      for (const env of container.env ?? []) {
        if (typeof env.value !== 'string' || !/_IMAGES?$|_MAVEN_BUILDER$/.test(env.name)) {
          continue;
        }
        for (const image of imagesIn(env.value)) {
          const repo = imageRepository(image);
          const tag = imageTag(image) ?? '';
          if (!VERSIONED_IMAGES.includes(repo)) {
            continue;
          }
          const expected = repo === 'kafka' ? `${version}-kafka-` : version;
          const ok = repo === 'kafka' ? tag.startsWith(expected) : tag === expected;
          if (!ok) {
            throw new Error(`${this.what}: two different Strimzi versions: the operator image is ${version}, but ${env.name} `
              + `names ${image}. Use the unmodified files of one release`);
          }
        }
      }
    }
  }

  private checkCrds(crds: Manifest[]) {
    if (crds.length === 0) {
      throw new Error(`${this.what}: no CustomResourceDefinitions found. Point it at the release's `
        + 'install/cluster-operator/ folder or the strimzi-cluster-operator-<version>.yaml asset');
    }
    const seen = new Set<string>();
    for (const crd of crds) {
      const name = crd.metadata.name;
      if (seen.has(name)) {
        throw new Error(`${this.what}: the CRD ${name} appears twice. The input mixes files of two releases`);
      }
      seen.add(name);
      const group = crd.spec?.group;
      if (!STRIMZI_GROUPS.includes(group) || name !== `${crd.spec?.names?.plural}.${group}`) {
        throw new Error(`${this.what}: the CRD ${name} (API group ${JSON.stringify(group ?? null)}) is not one of Strimzi's: a release's CRDs `
          + `are named <plural>.<group> in the groups ${STRIMZI_GROUPS.join(' and ')}. Remove it from the release's files; `
          + 'add CRDs of other projects to a chart of your own');
      }
      if (!Array.isArray(crd.spec?.versions)) {
        throw new Error(`${this.what}: the CRD ${name} has no spec.versions; it is not an apiextensions.k8s.io/v1 CRD`);
      }
    }
    if (!crds.some(c => c.spec?.names?.kind === 'KafkaConnector')) {
      throw new Error(`${this.what}: the KafkaConnector CRD (kafkaconnectors.kafka.strimzi.io) is missing`);
    }
    // Which API versions the CRDs serve tells their release apart: v1 from 0.49.0, v1beta2 until 0.51.0
    // (CRD files `spec.versions`; CHANGELOG 0.49.0 and 1.0.0).
    for (const crd of crds) {
      for (const apiVersion of ['v1', 'v1beta2']) {
        const served = crd.spec.versions.some((v: JsonObject) => v.name === apiVersion && v.served);
        const expected = servesApiVersion(this._version, apiVersion);
        if (served !== expected) {
          throw new Error(`${this.what}: two different Strimzi versions: the operator is ${this.version}, whose CRDs `
            + `${expected ? 'serve' : 'do not serve'} ${apiVersion}, but the CRD ${crd.metadata.name} `
            + `${served ? 'serves' : 'does not serve'} it. Use the CRDs and the operator of one release`);
        }
      }
    }
  }
}

function checkSource(factory: string, field: string, source: unknown, options: unknown): void {
  checkInput(factory, field, source, STRING);
  checkInput(factory, 'options', options, struct('StrimziReleaseOptions', { sha256: STRING }));
}

/** The shape of a `StrimziRelease`. */
export const STRIMZI_RELEASE_SHAPE = instanceOf('StrimziRelease', () => StrimziRelease, 'StrimziRelease.fromDirectory(), .fromFile() or .fromUrl()');

function normalizeDigest(what: string, digest: string): string {
  const hex = digest.trim().toLowerCase().replace(/^sha256:/, '');
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new Error(`${what}: sha256 option: ${JSON.stringify(digest)} is not a sha256 digest (64 hex digits)`);
  }
  return hex;
}

function containers(deployment: Manifest): JsonObject[] {
  return deployment.spec?.template?.spec?.containers ?? [];
}

function operatorImage(deployment: Manifest): string | undefined {
  return containers(deployment).map(c => c.image).find(i => typeof i === 'string' && imageRepository(i) === 'operator');
}

/** `quay.io/strimzi/kafka:1.2.0-kafka-4.3.1` -> `kafka` */
function imageRepository(image: string): string {
  const withoutTag = image.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
  return withoutTag.split('/').pop() ?? withoutTag;
}

function imageTag(image: string | undefined): string | undefined {
  const m = /:([^/:@]+)(@.*)?$/.exec(image ?? '');
  return m?.[1];
}

/** `STRIMZI_KAFKA_IMAGES` holds `<kafka version>=<image>` lines; other variables hold one image. */
function imagesIn(value: string): string[] {
  return value.split(/\s+/).filter(Boolean).map(line => line.includes('=') ? line.split('=')[1] : line);
}

function kafkaImageVersions(deployment: Manifest): string[] {
  const env = containers(deployment).flatMap(c => c.env ?? []).find((e: JsonObject) => e.name === 'STRIMZI_KAFKA_IMAGES');
  if (typeof env?.value !== 'string') {
    return [];
  }
  return env.value.split(/\s+/).filter((l: string) => l.includes('=')).map((l: string) => l.split('=')[0]);
}
