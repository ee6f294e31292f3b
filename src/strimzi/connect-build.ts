import { checkInput, Shape, STRING, struct } from '../common/input-shape';

/** Options of a downloaded plugin artifact. */
export interface PluginArtifactOptions {
  /**
   * SHA-512 checksum of the file; the build fails when the download differs.
   *
   * @default - not verified
   */
  readonly sha512sum?: string;
}

/** Options of an `other` artifact. */
export interface OtherArtifactOptions extends PluginArtifactOptions {
  /**
   * Name under which the file is stored.
   *
   * @default - the name in the URL
   */
  readonly fileName?: string;
}

/** A Maven artifact. */
export interface MavenArtifactOptions {
  /** groupId */
  readonly group: string;
  /** artifactId */
  readonly artifact: string;
  /** version */
  readonly version: string;
  /**
   * Maven repository URL.
   *
   * @default - Maven Central
   */
  readonly repository?: string;
}

const ARTIFACT_OPTIONS = struct('PluginArtifactOptions', { sha512sum: STRING });
const OTHER_OPTIONS = struct('OtherArtifactOptions', { sha512sum: STRING, fileName: STRING });
const MAVEN_OPTIONS = struct('MavenArtifactOptions', { group: STRING, artifact: STRING, version: STRING, repository: STRING }, ['group', 'artifact', 'version']);

function checkUrl(factory: string, url: unknown, options: unknown, shape: Shape, field = 'url'): void {
  checkInput(factory, field, url, STRING);
  checkInput(factory, 'options', options, shape);
}

/** One file a Connect build adds to a plugin (KafkaConnect CRD `build.plugins[].artifacts[]`). */
export class PluginArtifact {
  /** A JAR file. */
  public static jar(url: string, options: PluginArtifactOptions = {}): PluginArtifact {
    checkUrl('PluginArtifact.jar', url, options, ARTIFACT_OPTIONS);
    return new PluginArtifact({ type: 'jar', url, sha512sum: options.sha512sum });
  }

  /** A TGZ archive, unpacked. */
  public static tgz(url: string, options: PluginArtifactOptions = {}): PluginArtifact {
    checkUrl('PluginArtifact.tgz', url, options, ARTIFACT_OPTIONS);
    return new PluginArtifact({ type: 'tgz', url, sha512sum: options.sha512sum });
  }

  /** A ZIP archive, unpacked. */
  public static zip(url: string, options: PluginArtifactOptions = {}): PluginArtifact {
    checkUrl('PluginArtifact.zip', url, options, ARTIFACT_OPTIONS);
    return new PluginArtifact({ type: 'zip', url, sha512sum: options.sha512sum });
  }

  /** A Maven artifact with its dependencies. */
  public static maven(options: MavenArtifactOptions): PluginArtifact {
    checkInput('PluginArtifact.maven', 'options', options, MAVEN_OPTIONS);
    return new PluginArtifact({ type: 'maven', group: options.group, artifact: options.artifact, version: options.version, repository: options.repository });
  }

  /** Any other file, stored as it is. */
  public static other(url: string, options: OtherArtifactOptions = {}): PluginArtifact {
    checkUrl('PluginArtifact.other', url, options, OTHER_OPTIONS);
    return new PluginArtifact({ type: 'other', url, fileName: options.fileName, sha512sum: options.sha512sum });
  }

  private constructor(private readonly fields: { [key: string]: string | undefined }) {}

  /** `jar`, `tgz`, `zip`, `maven` or `other`. */
  public get type(): string {
    return this.fields.type!;
  }

  /**
   * The rendered artifact, or the rule it breaks.
   * @internal
   */
  public _render(): { artifact?: any; error?: { field: string; value: unknown; rule: string } } {
    const f = this.fields;
    // KafkaConnect CRD: `url` pattern; sha512sum is a hex SHA-512.
    if (f.url !== undefined && !/^(https?|ftp):\/\/[-a-zA-Z0-9+&@#/%?=~_|!:,.;]*[-a-zA-Z0-9+&@#/%=~_|]$/.test(f.url)) {
      return { error: { field: 'url', value: f.url, rule: 'must be an http, https or ftp URL' } };
    }
    if (f.sha512sum !== undefined && !/^[0-9a-fA-F]{128}$/.test(f.sha512sum)) {
      return { error: { field: 'sha512sum', value: f.sha512sum, rule: 'must be a SHA-512 digest (128 hex digits)' } };
    }
    for (const key of ['group', 'artifact', 'version'].filter(() => f.type === 'maven')) {
      if (!f[key]) {
        return { error: { field: key, value: f[key], rule: 'is required for Maven artifacts' } };
      }
    }
    return { artifact: Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) };
  }
}

/** A connector plugin built into the Connect image. */
export interface ConnectPlugin {
  /** Name of the plugin (its folder): lowercase letters, digits, '-' and '_'. */
  readonly name: string;
  /** The files of the plugin. */
  readonly artifacts: PluginArtifact[];
}

/** Options of a docker output image. */
export interface DockerOutputOptions {
  /**
   * Secret with the credentials to push the image.
   *
   * @default - none
   */
  readonly pushSecret?: string;
}

/** Where a Connect build pushes the image it builds. */
export class ConnectBuildOutput {
  /** A container registry, for example `registry.example.com/kafka/connect:1.0`. */
  public static docker(image: string, options: DockerOutputOptions = {}): ConnectBuildOutput {
    checkUrl('ConnectBuildOutput.docker', image, options, struct('DockerOutputOptions', { pushSecret: STRING }), 'image');
    return new ConnectBuildOutput({ type: 'docker', image, pushSecret: options.pushSecret });
  }

  /** An OpenShift ImageStream, for example `connect-build:latest`. */
  public static imageStream(image: string): ConnectBuildOutput {
    checkInput('ConnectBuildOutput.imageStream', 'image', image, STRING);
    return new ConnectBuildOutput({ type: 'imagestream', image });
  }

  private constructor(private readonly fields: { [key: string]: string | undefined }) {}

  /** The image. */
  public get image(): string {
    return this.fields.image!;
  }

  /** @internal */
  public _render(): any {
    return Object.fromEntries(Object.entries(this.fields).filter(([, v]) => v !== undefined));
  }
}

/** A Connect build: Strimzi builds an image with the plugins and runs Connect from it. */
export interface KafkaConnectBuild {
  /** Where the image goes. */
  readonly output: ConnectBuildOutput;
  /** The plugins to add. */
  readonly plugins: ConnectPlugin[];
}
