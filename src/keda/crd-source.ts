import { KEDA_FEATURES, KedaFeatureFact } from './release-facts';
import { shownPath } from '../common/local-path';
import { JsonObject, Manifest } from '../common/manifest';
import { pathExists, readYamlDirectory, statOf } from '../common/release-files';
import { Version } from '../common/version';
import { parseYamlSources } from '../common/yaml-documents';

// Reads the CRDs of a KEDA release from a folder (for example the `config/crd/bases` folder of a KEDA
// tag, or the CRDs split out of keda-<version>-crds.yaml) and checks that they are KEDA's and belong
// to the release the user named.

const KEDA_GROUPS = ['keda.sh', 'eventing.keda.sh'];
// Present in every release we support (kedacore/keda config/crd/bases/ at v2.14.0 to v2.20.2).
const REQUIRED_CRDS = ['scaledobjects.keda.sh', 'triggerauthentications.keda.sh', 'clustertriggerauthentications.keda.sh'];

// KEDA's file name of a CRD: scaledobjects.keda.sh is keda.sh_scaledobjects.yaml (config/crd/bases/).
function crdFileName(crd: string): string {
  const dot = crd.indexOf('.');
  return `${crd.slice(dot + 1)}_${crd.slice(0, dot)}.yaml`;
}

/** The CRDs in the folder's `*.yaml`/`*.yml` files (not recursive), checked against `version`. */
export function loadKedaCrds(what: string, dir: string, version: Version): Manifest[] {
  const exists = pathExists(dir);
  if (!exists || !statOf(what, dir, `crdsDirectory ${shownPath(dir)}`).isDirectory()) {
    throw new Error(`${what}: crdsDirectory ${shownPath(dir)} ${exists ? 'is not a directory' : 'does not exist'}. `
      + 'It should hold the CRD files of the KEDA release, as in config/crd/bases/ at its tag of github.com/kedacore/keda: '
      + `${REQUIRED_CRDS.map(crdFileName).join(', ')} and the others`);
  }
  const files = readYamlDirectory(what, dir);
  if (files.length === 0) {
    throw new Error(`${what}: crdsDirectory ${JSON.stringify(dir)} has no .yaml files`);
  }
  const crds = new Array<Manifest>();
  for (const { file, value: doc } of parseYamlSources(what, files.map(f => ({ name: f.name, text: f.bytes.toString('utf-8') })))) {
    const group = doc?.spec?.group;
    if (doc?.kind !== 'CustomResourceDefinition' || !KEDA_GROUPS.includes(group)) {
      throw new Error(`${what}: ${file} contains ${doc?.kind ?? 'a document'} ${JSON.stringify(doc?.metadata?.name ?? null)}, `
        + `which is not a KEDA CRD (a CustomResourceDefinition of ${KEDA_GROUPS.join(' or ')}). The folder must hold only KEDA's CRD files`);
    }
    crds.push(doc);
  }
  checkRelease(what, crds, version);
  return crds;
}

function checkRelease(what: string, crds: Manifest[], version: Version) {
  const names = crds.map(c => c.metadata?.name);
  for (const required of REQUIRED_CRDS) {
    if (!names.includes(required)) {
      throw new Error(`${what}: the CRD ${required} is missing from crdsDirectory. Every KEDA release has it; use the complete set of CRD files`);
    }
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) {
      throw new Error(`${what}: the CRD ${name} appears twice in crdsDirectory. The folder mixes files of two releases`);
    }
    seen.add(name);
  }
  // Features that show in the CRDs tell the release apart: a 2.16 folder passed as 2.20.2 would
  // make the API server prune or reject fields this library emits for 2.20.2.
  for (const fact of Object.values(KEDA_FEATURES) as KedaFeatureFact[]) {
    if (!fact.crd) {
      continue;
    }
    const expected = version.isAtLeast(fact.since);
    const present = hasSchemaPath(crds.find(c => c.metadata?.name === fact.crd!.name), fact.crd.path);
    if (present !== expected) {
      throw new Error(`${what}: the CRDs in crdsDirectory are not those of KEDA ${version}: ${fact.what} `
        + `${present ? 'is' : 'is not'} in them, but it ${expected ? 'is' : 'is not'} part of KEDA ${version} (added in ${fact.since}). `
        + 'Use the CRD files of the release you named');
    }
  }
}

function hasSchemaPath(crd: Manifest | undefined, propertyPath: string[]): boolean {
  if (!crd) {
    return false;
  }
  const version = (crd.spec?.versions ?? []).find((v: JsonObject) => v.storage) ?? crd.spec?.versions?.[0];
  let node = version?.schema?.openAPIV3Schema?.properties?.spec;
  for (const key of propertyPath) {
    node = node?.properties?.[key];
  }
  return node !== undefined;
}
