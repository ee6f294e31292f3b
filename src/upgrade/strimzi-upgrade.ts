import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App } from 'cdk8s';
import { Construct } from 'constructs';
import { CrdUpgradeJob } from './crd-upgrade-job';
import { phaseBefore, phaseChecks, phaseTitle, phaseWhy } from './phase-text';
import { KafkaState, PhaseKind, PhaseSpec, planPhases } from './plan';
import { planMarkdown } from './plan-markdown';
import { releasePath } from './release-path';
import { UpgradePhase } from './upgrade-phase';
import { StrimziUpgradeProps } from './upgrade-props';
import { fieldError } from '../common/field-errors';
import { Manifest } from '../common/manifest';
import { Version } from '../common/version';
import { GitOps } from '../gitops/git-ops';
import { writeLayout } from '../gitops/layout';
import { afterSynth } from '../gitops/synth-hook';
import { withPhase } from '../platform/phase';
import { KafkaPlatform } from '../platform/platform';
import { markServerSideApply } from '../stages/apply-size';
import { Kafka } from '../strimzi/kafka';
import { defaultKafkaVersion, defaultMetadataVersion } from '../strimzi/kafka-versions';
import { StrimziRelease } from '../strimzi/release';
import { StrimziResource } from '../strimzi/resource';

interface BuiltPhase {
  readonly spec: PhaseSpec;
  readonly folder: string;
  readonly app: App;
  readonly platform: KafkaPlatform;
  readonly description: UpgradePhase;
}

/**
 * A plan that moves a running platform from one Strimzi release to another, written as phases: each
 * phase a folder with the complete manifests of one state of the cluster (its stage files numbered
 * in apply order), plus `UPGRADE.md`, which says what each phase changes, why in that order and
 * what to check before the next. The resources are declared once; every phase writes them as its
 * release serves them.
 *
 * The phases are written when the App is synthesized (`app.synth()`, `cdk8s synth`).
 */
export class StrimziUpgrade extends Construct {
  /** The releases the plan goes through, oldest first. */
  public readonly releases: StrimziRelease[];

  /** The form of the output. */
  public readonly gitOps: GitOps;

  private readonly props: StrimziUpgradeProps;
  private readonly built: BuiltPhase[];
  private readonly kept: string[];
  private readonly deleted: string[];
  private readonly kafkaFrom?: KafkaState;
  private readonly kafkaTo?: KafkaState;

  constructor(scope: Construct, id: string, props: StrimziUpgradeProps) {
    super(scope, id);
    this.props = props;
    this.gitOps = props.gitOps ?? GitOps.plain();
    this.releases = releasePath(this, props.from, props.via ?? [], props.to);
    const target = this.targetKafka();
    this.kafkaTo = target;
    this.kafkaFrom = target ? this.currentKafka() : undefined;
    const specs = planPhases(this.releases, this.kafkaFrom ?? { version: '', metadataVersion: '' }, target ?? { version: '', metadataVersion: '' }, target !== undefined);
    const obsolete = obsoleteCrds(specs);
    const names = [...new Set([...obsolete.values()].flat().map(c => c.metadata.name))];
    this.kept = props.deleteObsoleteCrds ? [] : names;
    this.deleted = props.deleteObsoleteCrds ? names : [];
    const base = path.join(App.of(this).outdir, props.folder ?? '');
    this.built = specs.map((spec, i) => {
      const gone = obsolete.get(spec) ?? [];
      const before = i > 0 ? obsolete.get(specs[i - 1]) ?? [] : [];
      const newlyGone = gone.filter(c => !before.includes(c)).map(c => c.metadata.name);
      return this.buildPhase(spec, i, base, props.deleteObsoleteCrds ? [] : gone, props.deleteObsoleteCrds ? newlyGone : []);
    });
    afterSynth(App.of(this), () => this.write(base));
  }

  /** The phases, in apply order. */
  public get phases(): UpgradePhase[] {
    return this.built.map(b => b.description);
  }

  /** The plan as Markdown (also written as UPGRADE.md next to the phases). */
  public toMarkdown(): string {
    return planMarkdown({
      name: this.node.id,
      releases: this.releases.map(r => r.version),
      kafkaFrom: this.kafkaFrom && `${this.kafkaFrom.version} (metadata ${this.kafkaFrom.metadataVersion})`,
      kafkaTo: this.kafkaTo && `${this.kafkaTo.version} (metadata ${this.kafkaTo.metadataVersion})`,
      keptCrds: this.kept,
      deletedCrds: this.deleted,
      gitOps: this.gitOps,
    }, this.phases);
  }

  // The Kafka version and metadata version the declaration gives its clusters on the last release;
  // undefined when it declares no cluster. Every cluster moves through the same versions.
  private targetKafka(): KafkaState | undefined {
    const probe = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-strimzi-keda-upgrade-')) });
    try {
      const platform = this.declare(probe, { ...this.props, strimzi: this.props.to }, 'the last release');
      const clusters = platform.kafkaStage?.node.findAll().filter((c): c is Kafka => c instanceof Kafka) ?? [];
      const versions = [...new Set(clusters.map(k => `${k.kafkaVersion} ${k.metadataVersion}`))];
      if (versions.length > 1) {
        throw fieldError(this, 'declaration', versions, 'gives the Kafka clusters different versions; the plan moves every cluster through the same versions',
          'Declare the same kafkaVersion and metadataVersion on every cluster, or upgrade them with separate platforms');
      }
      return clusters.length > 0 ? { version: clusters[0].kafkaVersion, metadataVersion: clusters[0].metadataVersion } : undefined;
    } finally {
      fs.rmSync(probe.outdir, { recursive: true, force: true });
    }
  }

  private currentKafka(): KafkaState {
    const from = this.props.from;
    const version = this.props.currentKafkaVersion ?? defaultKafkaVersion(from);
    if (!from.kafkaVersions.includes(version)) {
      throw fieldError(this, 'currentKafkaVersion', version, `is not supported by Strimzi ${from.version}, the release the platform runs today`,
        `Supported: ${from.kafkaVersions.join(', ')}`);
    }
    const state = { version, metadataVersion: this.props.currentMetadataVersion ?? defaultMetadataVersion(from, version) };
    const target = this.kafkaTo!;
    if (Version.tryParse(target.version)!.isBelow(version)) {
      throw fieldError(this, 'declaration', target.version, `declares an older Kafka version than the clusters run (${version}); Kafka downgrades are not part of an upgrade`,
        `Declare kafkaVersion ${version} or newer`);
    }
    return state;
  }

  private buildPhase(spec: PhaseSpec, index: number, base: string, keep: Manifest[], deleteBefore: string[]): BuiltPhase {
    const folder = `${String(index).padStart(2, '0')}-${slug(spec)}`;
    const app = new App({ outdir: path.join(base, folder) });
    const platform = this.declare(app, withPhase({ ...this.props, strimzi: spec.resources },
      { crds: spec.crds, operator: spec.operator, kafka: spec.kafka }), `phase ${folder}`);
    for (const crd of keep) {
      markServerSideApply(new ApiObject(platform.crdStage, `kept-${crd.metadata.name}`, structuredClone(crd)));
    }
    if (spec.kind === PhaseKind.CRD_UPGRADE) {
      new CrdUpgradeJob(platform.operatorStage, 'crd-upgrade', { image: platform.operator.image, namespace: platform.namespace });
    }
    const description: UpgradePhase = {
      folder,
      title: phaseTitle(spec),
      why: phaseWhy(spec),
      crdsRelease: spec.crds.version,
      operatorRelease: spec.operator.version,
      resourcesRelease: spec.resources.version,
      kafkaVersion: spec.kafka.version,
      metadataVersion: spec.kafka.metadataVersion,
      before: phaseBefore(spec, deleteBefore),
      checks: phaseChecks(spec, {
        operatorNamespace: platform.namespace,
        operatorImage: platform.operator.image,
        kafkas: (platform.kafkaStage?.node.findAll().filter((c): c is Kafka => c instanceof Kafka) ?? []).map(k => `${k.namespace}/${k.name}`),
        readyKinds: readyKinds(platform),
        crds: platform.crds.crds.map(c => c.name),
        scaledObjectNamespaces: [...new Set((platform.autoscalingStage?.node.findAll() ?? [])
          .filter((c): c is ApiObject => ApiObject.isApiObject(c) && c.kind === 'ScaledObject').map(o => o.metadata.namespace!))].sort(),
      }),
    };
    return { spec, folder, app, platform, description };
  }

  // A platform of `props` in `app` with the declaration's resources; errors name where they happened.
  private declare(app: App, props: StrimziUpgradeProps & { strimzi: StrimziRelease }, where: string): KafkaPlatform {
    try {
      const platform = new KafkaPlatform(app, this.node.id, props);
      this.props.declaration.declare(platform);
      return platform;
    } catch (e) {
      throw withContext(e, `${where} of the upgrade ${this.node.path} (resources as Strimzi ${props.strimzi.version})`);
    }
  }

  private write(base: string) {
    for (const phase of this.built) {
      try {
        phase.app.synth();
      } catch (e) {
        throw withContext(e, `phase ${phase.folder} of the upgrade ${this.node.path}`);
      }
      writeLayout(phase.app.outdir, this.gitOps, phase.platform._outputDescription(phase.folder));
    }
    fs.writeFileSync(path.join(base, 'UPGRADE.md'), this.toMarkdown());
  }
}

function slug(spec: PhaseSpec): string {
  switch (spec.kind) {
    case PhaseKind.CURRENT: return `current-${spec.crds.version}`;
    case PhaseKind.KAFKA: return `kafka-${spec.kafka.version}`;
    case PhaseKind.METADATA: return `metadata-${spec.kafka.metadataVersion}`;
    case PhaseKind.CRD_UPGRADE: return `crd-upgrade-${spec.crds.version}`;
    case PhaseKind.CRDS: return `crds-${spec.crds.version}`;
    case PhaseKind.OPERATOR: return `operator-${spec.operator.version}`;
    case PhaseKind.RESOURCES: return `resources-${spec.resources.version}`;
  }
}

/**
 * For each phase, the CRDs of earlier releases that its CRD release no longer has (KafkaMirrorMaker
 * from 0.46): kept as the newest release that had them wrote them.
 */
function obsoleteCrds(specs: PhaseSpec[]): Map<PhaseSpec, Manifest[]> {
  const known = new Map<string, Manifest>();
  const result = new Map<PhaseSpec, Manifest[]>();
  for (const spec of specs) {
    for (const crd of spec.crds._crds) {
      known.set(crd.metadata.name, crd);
    }
    const served = new Set(spec.crds._crds.map(c => c.metadata.name));
    result.set(spec, [...known.values()].filter(c => !served.has(c.metadata.name)));
  }
  return result;
}

// Kinds with a Ready condition that a phase's checks wait for, by namespace (Kafka has checks of its own).
function readyKinds(platform: KafkaPlatform): Map<string, string[]> {
  const kinds = new Map<string, Set<string>>();
  for (const r of platform.kafkaStage?.node.findAll().filter((c): c is StrimziResource => c instanceof StrimziResource) ?? []) {
    if (['KafkaTopic', 'KafkaUser', 'KafkaConnect', 'KafkaConnector'].includes(r.kind)) {
      kinds.set(r.namespace, (kinds.get(r.namespace) ?? new Set()).add(r.kind.toLowerCase()));
    }
  }
  return new Map([...kinds].sort(([a], [b]) => a.localeCompare(b)).map(([ns, set]) => [ns, [...set].sort()]));
}

function withContext(e: unknown, context: string): Error {
  const message = e instanceof Error ? e.message : String(e);
  return new Error(`${message}\n(in ${context})`);
}
