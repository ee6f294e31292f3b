import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { STRIMZI_RELEASE_SHAPE, StrimziRelease } from './release';
import { struct, vacantId } from '../common/input-shape';
import { Manifest } from '../common/manifest';
import { markServerSideApply } from '../stages/apply-size';

/**
 * The field our KafkaConnector CRD patch adds under `.spec`, and where `labelSelectorPath` points.
 *
 * Why: the KafkaConnector `scale` subresource maps to `.spec.tasksMax` but has no
 * `labelSelectorPath` at any Strimzi release, so the HPA that KEDA creates stops with
 * `InvalidSelector: the HPA target's scale is missing a selector` (strimzi#10450, keda#5898).
 * The path must hold a string; under `.status` the operator would overwrite it, and a field that is
 * not in the schema is pruned, so the patch adds a string field to the spec schema of every served
 * version. Each autoscaled connector gets a selector value that matches no pod, so its HPA never
 * competes with the HPA of the Connect workers (`AmbiguousSelector`).
 */
export const CONNECTOR_SCALE_SELECTOR_FIELD = 'scaleSelector';

/** Properties of `StrimziCrds`. */
export interface StrimziCrdsProps {
  /** The release whose CRDs to emit. */
  readonly release: StrimziRelease;
}

/**
 * All CustomResourceDefinitions of a Strimzi release, unchanged except for the KafkaConnector
 * scale patch (see the README), each marked for server-side apply because of its size.
 */
export class StrimziCrds extends Construct {
  /** The emitted CRDs, in the order of the release files. */
  public readonly crds: ApiObject[];

  /** The patched KafkaConnector CRD. */
  public readonly kafkaConnector: ApiObject;

  constructor(scope: Construct, id: string, props: StrimziCrdsProps) {
    super(scope, vacantId(scope, id, 'StrimziCrds', props, struct('StrimziCrdsProps', { release: STRIMZI_RELEASE_SHAPE }, ['release'])));
    this.crds = props.release._crds.map(upstream => {
      // The release's documents are frozen and cdk8s copies an object's props when it renders them:
      // only the CRD that is patched needs a copy of its own.
      const crd = upstream.spec.names.kind === 'KafkaConnector' ? structuredClone(upstream) : upstream;
      if (crd !== upstream) {
        patchConnectorScale(props.release, crd);
      }
      const obj = new ApiObject(this, crd.metadata.name, crd);
      markServerSideApply(obj);
      return obj;
    });
    this.kafkaConnector = this.crds[props.release._crds.findIndex(c => c.spec.names.kind === 'KafkaConnector')];
  }
}

function patchConnectorScale(release: StrimziRelease, crd: Manifest): void {
  for (const version of crd.spec.versions) {
    if (!version.served) {
      continue;
    }
    const where = `the KafkaConnector CRD of Strimzi ${release.version}, version ${version.name}`;
    if (!version.subresources?.scale) {
      throw new Error(`${where} has no scale subresource to fix; this library does not know this CRD layout`);
    }
    if (version.subresources.scale.labelSelectorPath !== undefined) {
      throw new Error(`${where} already has labelSelectorPath ${version.subresources.scale.labelSelectorPath}; `
        + 'this library would override it. Please report this release to cdk8s-strimzi-keda');
    }
    const specProperties = version.schema?.openAPIV3Schema?.properties?.spec?.properties;
    if (!specProperties) {
      throw new Error(`${where} has no spec schema to extend`);
    }
    if (specProperties[CONNECTOR_SCALE_SELECTOR_FIELD] !== undefined) {
      throw new Error(`${where} already defines spec.${CONNECTOR_SCALE_SELECTOR_FIELD}; the scale patch would clash with it`);
    }
    version.subresources.scale.labelSelectorPath = `.spec.${CONNECTOR_SCALE_SELECTOR_FIELD}`;
    specProperties[CONNECTOR_SCALE_SELECTOR_FIELD] = {
      type: 'string',
      description: 'Label selector the scale subresource reports for this connector, so that a HorizontalPodAutoscaler '
        + '(for example one created by KEDA) can scale its tasks. Added by cdk8s-strimzi-keda; it matches no pod. '
        + 'Strimzi does not know this field and reports it in an UnknownFields warning condition.',
    };
  }
}
