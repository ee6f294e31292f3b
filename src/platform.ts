import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { KafkaConsumerAutoscaling, KafkaConsumerAutoscalingOptions } from './autoscaling/consumer-autoscaling';
import { CrdSchemaSet } from './crd-schema';
import { KedaCrds } from './keda/crds';
import { KedaCloudEventSourceRbac } from './keda/rbac';
import { KedaRelease } from './keda/release';
import { StageChart } from './stage';
import { StrimziCrds } from './strimzi/crds';
import { Kafka } from './strimzi/kafka';
import { KafkaOptions } from './strimzi/kafka-options';
import { StrimziOperator, StrimziOperatorOptions } from './strimzi/operator';
import { StrimziRelease } from './strimzi/release';
import { StrimziResource } from './strimzi/resource';
import { addValidation, DNS_LABEL_RULE, fieldError, isDnsLabel } from './validation';

/** Properties of `KafkaPlatform`. */
export interface KafkaPlatformProps {
  /** Namespace of the Strimzi Cluster Operator and, by default, of the Kafka resources. */
  readonly namespace: string;

  /** The Strimzi release whose CRDs and operator to install. */
  readonly strimzi: StrimziRelease;

  /**
   * Namespaces whose Strimzi resources the operator manages; `['*']` for all namespaces.
   *
   * @default - only `namespace`
   */
  readonly watchNamespaces?: string[];

  /**
   * Settings of the Cluster Operator install (image mirror, feature gates, resources, log level).
   *
   * @default - the release's install files as they are
   */
  readonly operator?: StrimziOperatorOptions;

  /**
   * The KEDA release the cluster runs; needed for autoscaling. With `crdsDirectory` its CRDs are
   * emitted in the CRD stage.
   *
   * @default - no KEDA: autoscaling options are refused
   */
  readonly keda?: KedaRelease;

  /**
   * Emit the Namespace object for `namespace` (first in the operator stage).
   *
   * @default true
   */
  readonly createNamespace?: boolean;
}

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
 */
export class KafkaPlatform extends Construct {
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

  private readonly stageScope: Construct;
  private schemaSets?: CrdSchemaSet[];
  private resources?: StageChart;
  private autoscaling?: StageChart;

  constructor(scope: Construct, id: string, props: KafkaPlatformProps) {
    super(scope, id);
    // Stage charts are siblings of this construct so that their files are named `<id>-<stage>`;
    // charts nested in charts get hashed names and an empty extra file (cdk8s-core#1105).
    if (!isDnsLabel(id)) {
      throw fieldError(this, 'id', id, `${DNS_LABEL_RULE}, because it names the output files (<id>-crds.k8s.yaml, ...)`);
    }
    for (let s: Construct | undefined = scope; s; s = s.node.scope as Construct | undefined) {
      if (Chart.isChart(s)) {
        throw fieldError(this, 'scope', s.node.path, 'is a chart (or inside one)',
          'Create the KafkaPlatform in the App: it creates one chart per stage itself');
      }
    }
    if (!isDnsLabel(props.namespace)) {
      throw fieldError(this, 'namespace', props.namespace, DNS_LABEL_RULE);
    }
    this.namespace = props.namespace;
    this.strimzi = props.strimzi;
    this.stageScope = scope;

    this.crdStage = this.newStage('crds');
    this.crds = new StrimziCrds(this.crdStage, 'strimzi', { release: props.strimzi });
    this.keda = props.keda;
    if (props.keda?.crdsDirectory) {
      new KedaCrds(this.crdStage, 'keda', { release: props.keda });
    }

    this.operatorStage = this.newStage('operator', this.crdStage);
    if (props.createNamespace ?? true) {
      new ApiObject(this.operatorStage, 'namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: this.namespace } });
    }
    this.operator = new StrimziOperator(this.operatorStage, 'strimzi', {
      ...props.operator,
      release: props.strimzi,
      namespace: this.namespace,
      watchNamespaces: props.watchNamespaces,
    });
    if (props.keda) {
      // KEDA 2.16.x installed with watchNamespace lacks RBAC for ClusterCloudEventSources (kedacore/charts#716).
      KedaCloudEventSourceRbac.ifNeeded(this.operatorStage, 'keda-cloudeventsource-rbac', props.keda);
    }
  }

  /**
   * Adds a Kafka cluster (KRaft, with node pools) to the resource stage.
   *
   * @param id construct id, and the cluster name unless `name` is set
   */
  public addKafka(id: string, options: KafkaOptions = {}): Kafka {
    return new Kafka(this.resourceStage, id, { ...options, platform: this });
  }

  /**
   * Scales a consumer workload (a Kafka Streams app, any consumer) with KEDA on its group's lag.
   *
   * @param id construct id in the autoscaling stage
   */
  public addConsumerAutoscaling(id: string, options: KafkaConsumerAutoscalingOptions): KafkaConsumerAutoscaling {
    return new KafkaConsumerAutoscaling(this.autoscalingStage, id, { ...options, platform: this });
  }

  /** Stage 3: the Kafka resources (created on first use). */
  public get resourceStage(): Chart {
    if (!this.resources) {
      const stage = this.newStage('kafka', this.operatorStage);
      stage._validateAgainst(() => this.crdSchemas());
      addValidation(stage, () => duplicateNames(stage));
      this.resources = stage;
    }
    return this.resources;
  }

  /** Stage 4: the autoscaling objects (created on first use, after the resource stage). */
  public get autoscalingStage(): Chart {
    if (!this.autoscaling) {
      // It depends on the operator stage, not on the Kafka stage: cdk8s turns a chart dependency into
      // one between every pair of objects of the two charts (resolveDependencies in cdk8s app.ts),
      // which between these two stages would grow with the square of the connectors. Creation order
      // still writes it after the Kafka stage, which exists by now.
      void this.resourceStage;
      this.autoscaling = this.newStage('autoscaling', this.operatorStage);
      this.autoscaling._validateAgainst(() => this.crdSchemas());
    }
    return this.autoscaling;
  }

  // The CRDs the emitted resources must satisfy: the Strimzi CRDs as this platform ships them (with the
  // KafkaConnector patch) and, when given, the KEDA CRDs.
  private crdSchemas(): CrdSchemaSet[] {
    this.schemaSets ??= [
      new CrdSchemaSet(this.crds.crds.map(c => c.toJson()), `Strimzi ${this.strimzi.version}`),
      ...(this.keda && this.keda._crds.length > 0 ? [new CrdSchemaSet(this.keda._crds, `KEDA ${this.keda.version}`)] : []),
    ];
    return this.schemaSets;
  }

  private newStage(name: string, after?: Chart): StageChart {
    const chart = new StageChart(this.stageScope, `${this.node.id}-${name}`);
    if (after) {
      chart.addDependency(after);
    }
    return chart;
  }
}

// Two objects of one kind and name in one namespace would overwrite each other when applied.
function duplicateNames(stage: Chart): string[] {
  const seen = new Map<string, string>();
  const errors = new Array<string>();
  for (const r of stage.node.findAll().filter((c): c is StrimziResource => c instanceof StrimziResource)) {
    const key = `${r.kind} ${r.namespace}/${r.name}`;
    const other = seen.get(key);
    if (other) {
      errors.push(`name: ${JSON.stringify(r.name)} is used by two ${r.kind}s in namespace ${r.namespace} (${other} and ${r.node.path}); `
        + 'names must be unique per kind and namespace');
    }
    seen.set(key, r.node.path);
  }
  return errors;
}
