import { ApiObject, App, Chart, Names, YamlOutputType } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { duplicateResourceNames } from './duplicate-names';
import { phaseOf, PlatformPhase } from './phase';
import { KafkaPlatformProps, PLATFORM_PROPS_SHAPE } from './platform-props';
import { platformMermaid } from './topology';
import { KafkaConnectAutoscaling } from '../autoscaling/connect-autoscaling';
import { KafkaConnectorAutoscaling } from '../autoscaling/connector-autoscaling';
import { KafkaConsumerAutoscaling, KafkaConsumerAutoscalingOptions } from '../autoscaling/consumer-autoscaling';
import { ScalerCredentials, ScalingContext } from '../autoscaling/scaler-credentials';
import { joinedId } from '../common/construct-ids';
import { addValidation, fieldError, pathMessage } from '../common/field-errors';
import { checkInput, enumOf, markGenerated, OPTIONS, vacantGeneratedId, vacantId } from '../common/input-shape';
import { DNS_LABEL_RULE, isDnsLabel } from '../common/k8s-names';
import { annotateForArgoCd } from '../gitops/argo-cd';
import { AutoscaledField } from '../gitops/autoscaled-field';
import { GitOps, GitOpsFlavour } from '../gitops/git-ops';
import { OutputDescription, writeLayout } from '../gitops/layout';
import { afterSynth } from '../gitops/synth-hook';
import { KedaCrds } from '../keda/crds';
import { KedaCloudEventSourceRbac } from '../keda/rbac';
import { KedaRelease } from '../keda/release';
import { ScaledObject } from '../keda/scaled-object';
import { chartOf } from '../stages/chart-order';
import { CrdSchemaSet } from '../stages/crd-schema';
import { StageChart } from '../stages/stage-chart';
import { PlatformStage, STAGE_ORDER } from '../stages/stage-names';
import { Synthesis, trackSyntheses } from '../stages/synthesis';
import { KafkaConnect } from '../strimzi/connect';
import { KafkaConnector } from '../strimzi/connector';
import { StrimziCrds } from '../strimzi/crds';
import { Kafka } from '../strimzi/kafka';
import { KafkaOptions } from '../strimzi/kafka-options';
import { StrimziOperator } from '../strimzi/operator';
import { StrimziRelease } from '../strimzi/release';
import { strimziApiVersion } from '../strimzi/release-facts';

// The platform of each stage chart, for KafkaPlatform.of().
const platformsByStage = new WeakMap<IConstruct, KafkaPlatform>();

// A module constant: the platform reaches a stage through ensureStage() for every connector.
const STAGE_SHAPE = enumOf(PlatformStage, 'PlatformStage');

/**
 * One Kafka platform on Kubernetes, emitted as ordered stages.
 *
 * Each stage is a cdk8s chart, created next to this construct as `<id>-<stage>`; with
 * `cdk8s synth` every chart becomes one file, numbered in apply order:
 *
 * ```
 * 0000-<id>-crds.k8s.yaml         Strimzi CRDs (KafkaConnector scale subresource fixed)
 * 0001-<id>-operator.k8s.yaml     Strimzi Cluster Operator: Namespace, RBAC, ConfigMap, Deployment
 * 0002-<id>-kafka.k8s.yaml        Kafka resources (when there are any)
 * 0003-<id>-autoscaling.k8s.yaml  KEDA objects (when there are any)
 * ```
 *
 * The platform also wires autoscaling: the `autoscaling` options of Connect clusters and connectors
 * and `addConsumerAutoscaling()` become ScaledObjects in the autoscaling stage.
 */
export class KafkaPlatform extends Construct {
  /**
   * The platform that `construct` belongs to: the platform itself, or anything in one of its stages
   * (a Kafka cluster, a topic, a ScaledObject, ...).
   */
  public static of(construct: IConstruct): KafkaPlatform {
    for (let c: IConstruct | undefined = construct; c; c = c.node.scope) {
      const platform = c instanceof KafkaPlatform ? c : platformsByStage.get(c);
      if (platform) {
        return platform;
      }
    }
    throw new Error(pathMessage(construct, 'is not part of a KafkaPlatform'));
  }

  /** The operator namespace. */
  public readonly namespace: string;

  /** The Strimzi release of the CRDs and the operator. */
  public readonly strimzi: StrimziRelease;

  /** The KEDA release, if any. */
  public readonly keda?: KedaRelease;

  /** Stage 1: the CRDs. */
  public readonly crdStage: Chart;

  /** Stage 2: the Cluster Operator. */
  public readonly operatorStage: Chart;

  /** The Strimzi CRDs in the CRD stage. */
  public readonly crds: StrimziCrds;

  /** The Cluster Operator in the operator stage. */
  public readonly operator: StrimziOperator;

  /** The form of the output. */
  public readonly gitOps: GitOps;

  private readonly stageScope: Construct;
  private readonly stages = new Map<PlatformStage, StageChart>();
  private readonly scaledObjects = new Map<IConstruct, ScaledObject>();
  private readonly workerScaling = new Map<KafkaConnect, KafkaConnectAutoscaling>();
  private schemaSets?: { synthesis: Synthesis; sets: CrdSchemaSet[] };
  private stagesDependOnOperator = false;
  private scalerCredentials?: ScalerCredentials;
  private readonly phase?: PlatformPhase;

  constructor(scope: Construct, id: string, props: KafkaPlatformProps) {
    super(scope, vacantId(scope, id, 'KafkaPlatform', props, PLATFORM_PROPS_SHAPE));
    this.checkPlacement(scope, id, props.namespace);
    this.namespace = props.namespace;
    this.strimzi = props.strimzi;
    this.keda = props.keda;
    // Stage charts are siblings of this construct so that their files are named `<id>-<stage>`;
    // charts nested in charts get hashed names and an empty extra file (cdk8s-core#1105).
    this.stageScope = scope;
    trackSyntheses(this);
    addValidation(this, () => {
      this.keepStageOrder();
      return [];
    });

    const phase = phaseOf(props);
    this.phase = phase;
    this.gitOps = props.gitOps ?? GitOps.plain();
    this.crdStage = this.ensureStage(PlatformStage.CRDS);
    this.crds = new StrimziCrds(this.crdStage, 'strimzi', { release: phase?.crds ?? props.strimzi });
    if (props.keda?.crdsDirectory) {
      new KedaCrds(this.crdStage, 'keda', { release: props.keda });
    }

    this.operatorStage = this.ensureStage(PlatformStage.OPERATOR);
    if (props.createNamespace ?? true) {
      new ApiObject(this.operatorStage, 'namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: this.namespace } });
    }
    this.operator = new StrimziOperator(this.operatorStage, 'strimzi', {
      ...props.operator,
      release: phase?.operator ?? props.strimzi,
      namespace: this.namespace,
      watchNamespaces: props.watchNamespaces,
    });
    if (props.keda) {
      // KEDA 2.16.x installed with watchNamespace lacks RBAC for ClusterCloudEventSources (kedacore/charts#716).
      KedaCloudEventSourceRbac.ifNeeded(this.operatorStage, 'keda-cloudeventsource-rbac', props.keda);
    }
    if (!phase && this.gitOps.flavour !== GitOpsFlavour.PLAIN) {
      this.writeGitOpsLayout();
    }
  }

  /** Stage 3: the Kafka resources, once there are any. */
  public get kafkaStage(): Chart | undefined {
    return this.stages.get(PlatformStage.KAFKA);
  }

  /** Stage 4: the autoscaling objects, once there are any. */
  public get autoscalingStage(): Chart | undefined {
    return this.stages.get(PlatformStage.AUTOSCALING);
  }

  /**
   * Adds a Kafka cluster (KRaft, with node pools) to the Kafka stage.
   *
   * @param id construct id, and the cluster name unless `name` is set
   */
  public addKafka(id: string, options: KafkaOptions = {}): Kafka {
    checkInput(this, 'options', options, OPTIONS);
    const pinned = this.phase ? { kafkaVersion: this.phase.kafka.version, metadataVersion: this.phase.kafka.metadataVersion } : {};
    const kafka = new Kafka(this.ensureStage(PlatformStage.KAFKA), id, { ...options, ...pinned, operator: this.operator, release: this.strimzi });
    kafka._useAutoscaling({
      connectAdded: connect => this.connectAdded(connect),
      connectorAdded: connector => this.connectorAdded(connector),
    });
    return kafka;
  }

  /**
   * Scales a consumer workload (a Kafka Streams app, any consumer) with KEDA on its group's lag.
   *
   * @param id construct id in the autoscaling stage
   */
  public addConsumerAutoscaling(id: string, options: KafkaConsumerAutoscalingOptions): KafkaConsumerAutoscaling {
    checkInput(this, 'options', options, OPTIONS);
    const scaling = KafkaConsumerAutoscaling._create(this.ensureStage(PlatformStage.AUTOSCALING), id, this.scalingProps(options));
    this.scaledObjects.set(options.deployment ?? scaling, scaling.scaledObject);
    return scaling;
  }

  /**
   * A Mermaid flowchart of what the platform declares and wires: the operator, each Kafka cluster
   * with its node pools, listeners, topics and users, the Connect clusters and their connectors, and
   * every ScaledObject with what it scales and on which consumer group's lag. Written into a Markdown
   * file next to the manifests (in a mermaid code block), it shows a reviewer the topology in the
   * pull request. Call it after the declaration is complete.
   */
  public toMermaid(): string {
    return platformMermaid(this);
  }

  /**
   * The ScaledObject that scales a Connect cluster's workers, a connector's tasks or a consumer
   * Deployment of this platform, if it is autoscaled.
   */
  public scaledObjectOf(target: IConstruct): ScaledObject | undefined {
    return this.scaledObjects.get(target);
  }

  // A Connect cluster of one of our Kafka clusters was added: build its workers' autoscaling.
  private connectAdded(connect: KafkaConnect): void {
    if (connect.autoscaling) {
      const stage = this.ensureStage(PlatformStage.AUTOSCALING);
      const why = () => `the autoscaling of KafkaConnect ${connect.node.path}`;
      const id = vacantGeneratedId(stage, joinedId(connect.namespace, connect.name, 'workers'), why);
      const scaling = markGenerated(KafkaConnectAutoscaling._create(stage, id, { ...this.scalingProps(connect.autoscaling), connect }), why);
      this.workerScaling.set(connect, scaling);
      this.scaledObjects.set(connect, scaling.scaledObject);
    }
  }

  // A connector was added: build its tasks' autoscaling, and give the workers' a trigger on its lag.
  private connectorAdded(connector: KafkaConnector): void {
    if (connector.autoscaling) {
      const stage = this.ensureStage(PlatformStage.AUTOSCALING);
      // Named by its path (a walk up the tree) only in an error message.
      const why = () => `the autoscaling of KafkaConnector ${connector.node.path}`;
      const id = vacantGeneratedId(stage, joinedId(connector.namespace, connector.name, 'tasks'), why);
      const scaling = markGenerated(KafkaConnectorAutoscaling._create(stage, id, { ...this.scalingProps(connector.autoscaling), connector }), why);
      this.scaledObjects.set(connector, scaling.scaledObject);
    }
    this.workerScaling.get(connector.connect)?._addConnector(connector);
  }

  // What every autoscaling gets: its options, the KEDA release and the platform's scaler credentials.
  private scalingProps<T>(options: T): ScalingContext & { options: T } {
    this.scalerCredentials ??= new ScalerCredentials(this.ensureStage(PlatformStage.AUTOSCALING));
    return { options, keda: this.keda, credentials: this.scalerCredentials };
  }

  /**
   * The chart of a stage, created if it does not exist yet: for objects of your own that belong in
   * that stage. (`kafkaStage` and `autoscalingStage` only read.)
   */
  public ensureStage(stage: PlatformStage): Chart {
    checkInput(this, 'stage', stage, STAGE_SHAPE);
    return this.stages.get(stage) ?? this.newStage(stage);
  }

  // Stages are written in the order cdk8s puts charts: chart dependencies first, else creation order.
  // The operator stage depends on the CRD stage (a small, fixed number of objects), which also makes
  // cdk8s number the files. The later stages are ordered by creation only: the Kafka stage is always
  // created after the operator stage, and the autoscaling stage after the Kafka stage. A chart
  // dependency would cost more than it says: cdk8s turns it into a dependency between every pair of
  // objects of the two charts (`resolveDependencies` in cdk8s-core app.ts), which it walks in every
  // pass; from the Kafka and autoscaling stages to the operator stage that was ~230,000 edges at
  // 5,000 connectors. The upstream change that would make chart dependencies affordable again: keep
  // a dependency between two charts at chart level (cdk8s writes each chart on its own and ignores
  // edges that leave it), as aws-cdk did for stacks (aws-cdk#38314).
  private newStage(stage: PlatformStage): StageChart {
    if (stage === PlatformStage.AUTOSCALING) {
      this.ensureStage(PlatformStage.KAFKA);
    }
    const chart = new StageChart(this.stageScope, `${this.node.id}-${stage}`);
    this.stages.set(stage, chart);
    platformsByStage.set(chart, this);
    chart._watchDependencies((sourceChart, target) => this.dependencyFound(sourceChart, target));
    if (stage === PlatformStage.OPERATOR || (stage !== PlatformStage.CRDS && this.stagesDependOnOperator)) {
      chart.addDependency(stage === PlatformStage.OPERATOR ? this.crdStage : this.operatorStage);
    }
    if (stage === PlatformStage.KAFKA || stage === PlatformStage.AUTOSCALING) {
      chart._validateAgainst(synthesis => this.crdSchemas(synthesis));
    }
    if (stage === PlatformStage.KAFKA) {
      addValidation(chart, () => duplicateResourceNames(chart));
    }
    if (this.gitOps.flavour === GitOpsFlavour.ARGO_CD) {
      const rules = { wave: STAGE_ORDER.indexOf(stage), neverPrune: stage === PlatformStage.CRDS };
      // Argo CD skips the dry run of a custom resource whose CRD is in the same sync; KEDA's CRDs
      // are in it only when the platform ships them.
      const kedaCrdsShipped = this.keda?.crdsDirectory !== undefined;
      chart._decorate(m => annotateForArgoCd(m, { ...rules, skipDryRunOnMissingResource: !kedaCrdsShipped && m.apiVersion.startsWith('keda.sh/') }));
    }
    return chart;
  }

  // Creation order holds only while nothing pulls a later stage forward: cdk8s writes a chart that
  // others depend on just before the first of them. When anything outside a stage (a chart of the
  // user's, another stage) depends on the operator, Kafka or autoscaling stage, the later stages get
  // their chart dependency on the operator stage, whatever it costs. Checked in the validation,
  // which cdk8s runs before it orders the charts: the platform looks at the constructs outside its
  // stages, each stage at its own when it renders them.
  private keepStageOrder(): void {
    const stages = new Set<IConstruct>(this.stages.values());
    const visit = (c: IConstruct, chart: IConstruct | undefined) => {
      for (const d of this.stagesDependOnOperator ? [] : c.node.dependencies) {
        this.dependencyFound(chart, d);
      }
      for (const child of c.node.children) {
        if (!stages.has(child)) {
          visit(child, Chart.isChart(child) ? child : chart);
        }
      }
    };
    visit(this.node.root, undefined);
  }

  private dependencyFound(sourceChart: IConstruct | undefined, target: IConstruct): void {
    const targetChart = chartOf(target);
    if (targetChart === undefined || targetChart === sourceChart || targetChart === this.crdStage || this.stagesDependOnOperator) {
      return;
    }
    if ([...this.stages.values()].includes(targetChart as StageChart)) {
      this.stagesDependOnOperator = true;
      for (const stage of [PlatformStage.KAFKA, PlatformStage.AUTOSCALING]) {
        this.stages.get(stage)?.addDependency(this.operatorStage);
      }
    }
  }

  /**
   * What the GitOps layout needs to know of this platform's files in its App's output folder.
   * @internal
   */
  public _outputDescription(subfolder: string): OutputDescription {
    const app = App.of(this);
    const autoscaled = new Array<AutoscaledField>();
    for (const target of this.scaledObjects.keys()) {
      if (target instanceof KafkaConnect || target instanceof KafkaConnector) {
        const pointer = target instanceof KafkaConnect ? '/spec/replicas' : '/spec/tasksMax';
        autoscaled.push({ group: 'kafka.strimzi.io', kind: target.kind, name: target.name, namespace: target.namespace, pointer });
      }
    }
    return {
      name: this.node.id,
      fileExtension: app.outputFileExtension,
      stages: new Map([...this.stages].map(([stage, chart]) => [Names.toDnsLabel(chart), stage])),
      autoscaled,
      strimziApiVersion: `kafka.strimzi.io/${strimziApiVersion(this.strimzi._version)}`,
      subfolder,
    };
  }

  // The GitOps layout is built from cdk8s's numbered chart files, after app.synth() wrote them.
  private writeGitOpsLayout() {
    const app = App.of(this);
    if (app.yamlOutputType !== YamlOutputType.FILE_PER_CHART) {
      throw fieldError(this, 'gitOps', this.gitOps.flavour, `needs the App to write one file per chart (YamlOutputType.FILE_PER_CHART), not ${YamlOutputType[app.yamlOutputType]}`,
        'Create the App without yamlOutputType');
    }
    afterSynth(app, () => writeLayout(app.outdir, this.gitOps, this._outputDescription('')));
  }

  // The CRDs the emitted resources must satisfy: the Strimzi CRDs as this platform ships them (with the
  // KafkaConnector patch) and, when given, the KEDA CRDs. Built once per synthesis, from the CRDs
  // the CRD stage rendered in it.
  private crdSchemas(synthesis: Synthesis): CrdSchemaSet[] {
    if (this.schemaSets?.synthesis !== synthesis) {
      const strimzi = this.crds.crds.map(c => synthesis.rendered.get(c) ?? c.toJson());
      this.schemaSets = {
        synthesis,
        sets: [
          new CrdSchemaSet(strimzi, `Strimzi ${this.strimzi.version}`),
          ...(this.keda && this.keda._crds.length > 0 ? [new CrdSchemaSet(this.keda._crds, `KEDA ${this.keda.version}`)] : []),
        ],
      };
    }
    return this.schemaSets.sets;
  }

  private checkPlacement(scope: Construct, id: string, namespace: string) {
    if (!isDnsLabel(id)) {
      throw fieldError(this, 'id', id, `${DNS_LABEL_RULE}, because it names the output files (<id>-crds.k8s.yaml, ...)`);
    }
    for (let s: Construct | undefined = scope; s; s = s.node.scope as Construct | undefined) {
      if (Chart.isChart(s)) {
        throw fieldError(this, 'scope', s.node.path, 'is a chart (or inside one)',
          'Create the KafkaPlatform in the App: it creates one chart per stage itself');
      }
    }
    if (!isDnsLabel(namespace)) {
      throw fieldError(this, 'namespace', namespace, DNS_LABEL_RULE);
    }
  }
}
