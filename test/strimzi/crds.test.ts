import { Testing } from 'cdk8s';
import { CONNECTOR_SCALE_SELECTOR_FIELD, StrimziCrds } from '../../src/strimzi/crds';
import { STRIMZI_VERSIONS, strimziRelease, upstreamObjects } from '../fixtures';
import { jsonDiff } from '../json-diff';

describe.each(STRIMZI_VERSIONS)('Strimzi %s CRDs', (version) => {
  const upstream = upstreamObjects(version);
  const upstreamCrds = [...upstream.values()].filter(o => o.kind === 'CustomResourceDefinition');
  const chart = Testing.chart();
  new StrimziCrds(chart, 'crds', { release: strimziRelease(version) });
  const emitted = Testing.synth(chart);

  test('every upstream CRD is emitted once, in release file order', () => {
    expect(emitted.map(o => o.metadata.name)).toEqual(upstreamCrds.map(o => o.metadata.name));
    expect(emitted.every(o => o.kind === 'CustomResourceDefinition')).toBe(true);
  });

  test('CRDs other than KafkaConnector are unchanged apart from the server-side apply marking', () => {
    for (const crd of emitted.filter(o => o.spec.names.kind !== 'KafkaConnector')) {
      const diff = jsonDiff(upstream.get(`CustomResourceDefinition/${crd.metadata.name}`), crd);
      expect({ crd: crd.metadata.name, diff }).toEqual({ crd: crd.metadata.name, diff: ['+/metadata/annotations'] });
      expect(crd.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-options': 'ServerSideApply=true' });
    }
  });

  test('KafkaConnector gets a labelSelectorPath and its spec field in every served version, nothing else', () => {
    const before = upstream.get('CustomResourceDefinition/kafkaconnectors.kafka.strimzi.io');
    const after = emitted.find(o => o.spec.names.kind === 'KafkaConnector');
    const expected = ['+/metadata/annotations'];
    before.spec.versions.forEach((v: any, i: number) => {
      if (v.served) {
        expected.push(`+/spec/versions/${i}/schema/openAPIV3Schema/properties/spec/properties/${CONNECTOR_SCALE_SELECTOR_FIELD}`);
        expected.push(`+/spec/versions/${i}/subresources/scale/labelSelectorPath`);
      }
    });
    expect(jsonDiff(before, after).sort()).toEqual(expected.sort());

    for (const v of after.spec.versions.filter((x: any) => x.served)) {
      // The path must start with .spec. or .status. and point at a string (CustomResourceSubresourceScale).
      expect(v.subresources.scale).toEqual({
        specReplicasPath: '.spec.tasksMax',
        statusReplicasPath: '.status.tasksMax',
        labelSelectorPath: `.spec.${CONNECTOR_SCALE_SELECTOR_FIELD}`,
      });
      expect(v.schema.openAPIV3Schema.properties.spec.properties[CONNECTOR_SCALE_SELECTOR_FIELD].type).toBe('string');
    }
  });
});

test('the patched KafkaConnector CRD of the newest release serves only v1 with the selector path (strimzi#10450)', () => {
  const chart = Testing.chart();
  const crds = new StrimziCrds(chart, 'crds', { release: strimziRelease('1.2.0') });
  const connector = crds.kafkaConnector.toJson();
  expect(connector.spec.versions.map((v: any) => [v.name, v.served, v.subresources.scale.labelSelectorPath]))
    .toEqual([['v1', true, '.spec.scaleSelector']]);
});
