import * as fs from 'fs';
import * as path from 'path';
import { App, Testing } from 'cdk8s';
import * as jsYaml from 'js-yaml';
import { declarePlatform, declareRaw, readReleases, renderCharts } from '../bench/declare';

// The benchmark compares the library with the same objects written as raw ApiObjects; the
// comparison is honest only if the baseline writes exactly what the library writes.
function synthesized(app: App): Map<string, string> {
  app.synth();
  return new Map(fs.readdirSync(app.outdir).sort().map(f => [f, fs.readFileSync(path.join(app.outdir, f), 'utf-8')]));
}

test('the raw ApiObject baseline of the benchmark writes the same files with the same objects as the library', () => {
  const releases = readReleases();
  const library = synthesized(declarePlatform(releases, 12, Testing.app().outdir));
  const raw = synthesized(declareRaw(renderCharts(declarePlatform(releases, 12)), Testing.app().outdir));
  expect([...raw.keys()]).toEqual(['0000-bench-crds.k8s.yaml', '0001-bench-operator.k8s.yaml', '0002-bench-kafka.k8s.yaml', '0003-bench-autoscaling.k8s.yaml']);
  expect([...library.keys()]).toEqual([...raw.keys()]);
  for (const [file, text] of library) {
    expect([file, jsYaml.loadAll(raw.get(file)!)]).toEqual([file, jsYaml.loadAll(text)]);
    expect(raw.get(file) === text).toBe(true); // and byte for byte
  }
  // 12 topics and connectors, each autoscaled, and the workers' ScaledObject.
  const objects = (file: string, kind: string) => (jsYaml.loadAll(library.get(file)!) as any[]).filter(o => o.kind === kind);
  expect(objects('0002-bench-kafka.k8s.yaml', 'KafkaConnector')).toHaveLength(12);
  expect(objects('0003-bench-autoscaling.k8s.yaml', 'ScaledObject')).toHaveLength(13);
});
