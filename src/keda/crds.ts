import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { KEDA_RELEASE_SHAPE, KedaRelease } from './release';
import { pathMessage } from '../common/field-errors';
import { struct, vacantId } from '../common/input-shape';
import { markServerSideApply } from '../stages/apply-size';

/** Properties of `KedaCrds`. */
export interface KedaCrdsProps {
  /** The release whose CRDs to emit; it must have been created with `crdsDirectory`. */
  readonly release: KedaRelease;
}

/**
 * The CustomResourceDefinitions of a KEDA release, as read from its `crdsDirectory`, for the CRD
 * stage of a platform. Each is marked for server-side apply: the ScaledJob CRD (~320 KB as JSON)
 * does not fit kubectl's last-applied annotation (keda#4740).
 */
export class KedaCrds extends Construct {
  /** The emitted CRDs, in the order of the files. */
  public readonly crds: ApiObject[];

  constructor(scope: Construct, id: string, props: KedaCrdsProps) {
    super(scope, vacantId(scope, id, 'KedaCrds', props, struct('KedaCrdsProps', { release: KEDA_RELEASE_SHAPE }, ['release'])));
    if (props.release._crds.length === 0) {
      throw new Error(pathMessage(this, `release: KEDA ${props.release.version} was given without CRDs. `
        + `Create it with KedaRelease.of('${props.release.version}', { crdsDirectory: '<folder with the KEDA CRD files>' })`));
    }
    this.crds = props.release._crds.map(crd => {
      // The release's documents are frozen; cdk8s copies an object's props when it renders them.
      const obj = new ApiObject(this, crd.metadata.name, crd);
      markServerSideApply(obj);
      return obj;
    });
  }
}
