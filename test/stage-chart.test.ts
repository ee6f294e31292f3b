import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, Lazy, Testing, Yaml, YamlOutputType } from 'cdk8s';
import { Construct } from 'constructs';
import { KafkaPlatform, PlatformStage } from '../src';
import { strimziRelease } from './fixtures';
import { THREE_BY_THREE } from './strimzi/setup';

function platformIn(app: App): KafkaPlatform {
  return new KafkaPlatform(app, 'events', { namespace: 'kafka', strimzi: strimziRelease() });
}

function configMap(scope: Construct, name: string, data: { [key: string]: string } = {}): ApiObject {
  return new ApiObject(scope, name, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });
}

/** Every file below the app's outdir, relative to it, sorted. */
function written(app: App): string[] {
  const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true })
    .flatMap(e => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  return walk(app.outdir).map(f => path.relative(app.outdir, f)).sort();
}

const BIG_CONFIGMAP_ERROR = '[events-kafka] ConfigMap "big" (events-kafka/big): 270083 bytes as compact JSON exceed the 262144-byte annotation limit';
const MISTYPED_FIELD_ERROR = '[events-kafka] Kafka "events" (events-kafka/events/Resource): spec.kafka.replicaz: is not a field of this resource '
  + '(the Kafka CRD of Strimzi 1.2.0, version v1)';

describe('the size and schema checks of the stages', () => {
  test('are reported together with the other validation errors of the app, in one round', () => {
    const app = Testing.app();
    const platform = platformIn(app);
    platform.addKafka('events', THREE_BY_THREE).addOverride('spec.kafka.replicaz', 3);
    configMap(platform.ensureStage(PlatformStage.KAFKA), 'big', { blob: 'x'.repeat(270_000) });
    const mine = new Chart(app, 'mine');
    mine.node.addValidation({ validate: () => ['a rule of my own is broken'] });
    expect(() => app.synth()).toThrow(new RegExp('^Validation failed with the following errors:\n'
      + `  ${escape(BIG_CONFIGMAP_ERROR)}.*\n\\[events-kafka\\] Kafka .*\n  \\[mine\\] a rule of my own is broken$`));
    expect(() => app.synth()).toThrow(MISTYPED_FIELD_ERROR);
  });

  test.each([
    ['FILE_PER_CHART', YamlOutputType.FILE_PER_CHART],
    ['FOLDER_PER_CHART_FILE_PER_RESOURCE', YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE],
    ['FILE_PER_APP', YamlOutputType.FILE_PER_APP],
  ])('run in the output mode %s', (_name, yamlOutputType) => {
    const tooLarge = new App({ outdir: Testing.app().outdir, yamlOutputType });
    configMap(platformIn(tooLarge).ensureStage(PlatformStage.KAFKA), 'big', { blob: 'x'.repeat(270_000) });
    expect(() => tooLarge.synth()).toThrow(BIG_CONFIGMAP_ERROR);

    const mistyped = new App({ outdir: Testing.app().outdir, yamlOutputType });
    platformIn(mistyped).addKafka('events', THREE_BY_THREE).addOverride('spec.kafka.replicaz', 3);
    expect(() => mistyped.synth()).toThrow(MISTYPED_FIELD_ERROR);
  });

  test('in FOLDER_PER_CHART_FILE_PER_RESOURCE mode a valid platform writes one numbered folder per stage', () => {
    const app = new App({ outdir: Testing.app().outdir, yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
    const platform = platformIn(app);
    platform.addKafka('events', THREE_BY_THREE);
    app.synth();
    const folders = [...new Set(written(app).map(f => f.split(path.sep)[0]))];
    expect(folders).toEqual(['0000-events-crds', '0001-events-operator', '0002-events-kafka']);
    expect(written(app)).toContain(path.join('0002-events-kafka', 'Kafka.events.k8s.yaml'));
  });

  test('an object that cannot be rendered fails synth with its own error, after the validation errors of the app', () => {
    const withBrokenObject = (app: App) => new ApiObject(platformIn(app).ensureStage(PlatformStage.KAFKA), 'broken', {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'broken' }, data: Lazy.any({ produce: () => { throw new Error('cannot render this'); } }),
    });
    const invalid = Testing.app();
    withBrokenObject(invalid);
    new Chart(invalid, 'mine').node.addValidation({ validate: () => ['a rule of my own is broken'] });
    expect(() => invalid.synth()).toThrow(/^Validation failed with the following errors:\n {2}\[mine\] a rule of my own is broken$/);

    const valid = Testing.app();
    withBrokenObject(valid);
    expect(() => valid.synth()).toThrow(/Failed serializing construct at path 'events-kafka\/broken' with name 'broken': Error: cannot render this/);
  });

  test('a stage outside app.synth() (chart.toJson) checks itself, and returns its objects in apply order', () => {
    const app = Testing.app();
    const platform = platformIn(app);
    const stage = platform.ensureStage(PlatformStage.KAFKA);
    configMap(stage, 'config');
    platform.addKafka('events', THREE_BY_THREE);
    expect(stage.toJson().map(o => o.kind)).toEqual(['ConfigMap', 'Kafka', 'KafkaNodePool', 'KafkaNodePool']);
    configMap(stage, 'big', { blob: 'x'.repeat(270_000) });
    expect(() => stage.toJson()).toThrow(BIG_CONFIGMAP_ERROR);
  });
});

describe('one synthesis', () => {
  test('validates the app once and renders each object once', () => {
    const app = Testing.app();
    const platform = platformIn(app);
    platform.addKafka('events', THREE_BY_THREE);
    const counted = configMap(platform.ensureStage(PlatformStage.KAFKA), 'counted');
    let renders = 0;
    let validations = 0;
    const render = counted.toJson.bind(counted);
    counted.toJson = () => {
      renders++;
      return render();
    };
    counted.node.addValidation({ validate: () => (validations++, []) });
    app.synth();
    expect([validations, renders]).toEqual([1, 1]);
  });

  test('writes the objects that chart.toJson() returns, and synthYaml() the same', () => {
    const app = Testing.app();
    const platform = platformIn(app);
    const kafka = platform.addKafka('events', THREE_BY_THREE);
    kafka.addTopic('orders', { partitions: 3 });
    const stages = [platform.crdStage, platform.operatorStage, platform.kafkaStage!];
    const expected = stages.flatMap(s => s.toJson());
    app.synth();
    const files = fs.readdirSync(app.outdir).sort();
    expect(files.flatMap(f => Yaml.load(path.join(app.outdir, f)))).toEqual(expected);
    expect(app.synthYaml()).toEqual(Yaml.stringify(...expected));
  });
});

describe('stage order', () => {
  test('adds no dependencies between the objects of the Kafka or autoscaling stage and another stage', () => {
    const app = Testing.app();
    const platform = platformIn(app);
    const kafka = platform.addKafka('events', THREE_BY_THREE);
    kafka.addTopic('orders', { partitions: 3 });
    configMap(platform.ensureStage(PlatformStage.AUTOSCALING), 'a');
    app.synth();
    const later = [platform.kafkaStage, platform.autoscalingStage];
    const crossing = app.node.findAll().flatMap(c => c.node.dependencies
      .filter(d => Chart.of(d) !== Chart.of(c) && (later.includes(Chart.of(d)) || later.includes(Chart.of(c))))
      .map(d => `${c.node.path} -> ${d.node.path}`));
    expect(crossing).toEqual([]);
    expect(fs.readdirSync(app.outdir).sort())
      .toEqual(['0000-events-crds.k8s.yaml', '0001-events-operator.k8s.yaml', '0002-events-kafka.k8s.yaml', '0003-events-autoscaling.k8s.yaml']);
  });

  test.each([PlatformStage.OPERATOR, PlatformStage.KAFKA])(
    'holds when a chart created before the platform depends on the %s stage', (stage) => {
      const app = Testing.app();
      const mine = new Chart(app, 'mine');
      const platform = platformIn(app);
      configMap(platform.ensureStage(PlatformStage.KAFKA), 'k');
      configMap(platform.ensureStage(PlatformStage.AUTOSCALING), 'a');
      configMap(mine, 'm').addDependency(platform.ensureStage(stage));
      const files = (app.synth(), fs.readdirSync(app.outdir).sort());
      const stages = files.filter(f => f.includes('-events-')).map(f => f.replace(/^\d+-/, ''));
      expect(stages).toEqual(['events-crds.k8s.yaml', 'events-operator.k8s.yaml', 'events-kafka.k8s.yaml', 'events-autoscaling.k8s.yaml']);
      expect(files.indexOf(files.find(f => f.endsWith('-mine.k8s.yaml'))!)).toBeGreaterThan(files.indexOf(files.find(f => f.endsWith(`-events-${stage}.k8s.yaml`))!));
    });

  // As before the stages were ordered by creation: cdk8s writes a chart that an earlier chart depends
  // on right before that chart, and ordering the autoscaling stage after the Kafka stage by a
  // dependency would link every pair of their objects (quadratic in the connectors).
  test('a chart created before the platform that depends on the autoscaling stage comes after it and the operator', () => {
    const app = Testing.app();
    const mine = new Chart(app, 'mine');
    const platform = platformIn(app);
    configMap(platform.ensureStage(PlatformStage.KAFKA), 'k');
    configMap(platform.ensureStage(PlatformStage.AUTOSCALING), 'a');
    configMap(mine, 'm').addDependency(platform.ensureStage(PlatformStage.AUTOSCALING));
    app.synth();
    expect(fs.readdirSync(app.outdir).sort()).toEqual(
      ['0000-events-crds.k8s.yaml', '0001-events-operator.k8s.yaml', '0002-events-autoscaling.k8s.yaml', '0003-mine.k8s.yaml', '0004-events-kafka.k8s.yaml']);
  });

  test('holds when a chart created after the platform depends on the operator stage', () => {
    const app = Testing.app();
    const platform = platformIn(app);
    configMap(platform.ensureStage(PlatformStage.KAFKA), 'k');
    configMap(new Chart(app, 'mine'), 'm').addDependency(platform.operatorStage);
    app.synth();
    expect(fs.readdirSync(app.outdir).sort())
      .toEqual(['0000-events-crds.k8s.yaml', '0001-events-operator.k8s.yaml', '0002-events-kafka.k8s.yaml', '0003-mine.k8s.yaml']);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
