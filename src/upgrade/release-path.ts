import { IConstruct } from 'constructs';
import { fieldError } from '../common/field-errors';
import { StrimziRelease } from '../strimzi/release';
import { servesApiVersion, servesV1Beta2AndV1 } from '../strimzi/release-facts';

/**
 * The releases from `from` through `via` to `to`, checked: each newer than the one before, and no
 * step from below 0.49 to a release without v1beta2 (1.0 and later), which Strimzi does not support.
 */
export function releasePath(scope: IConstruct, from: StrimziRelease, via: StrimziRelease[], to: StrimziRelease): StrimziRelease[] {
  const path = [from, ...via, to];
  path.forEach((release, i) => {
    if (!(release instanceof StrimziRelease)) {
      throw fieldError(scope, fieldOf(i, path.length), release, 'is not a StrimziRelease', 'Read it with StrimziRelease.fromDirectory(), fromFile() or fromUrl()');
    }
  });
  for (let i = 1; i < path.length; i++) {
    const [older, newer] = [path[i - 1], path[i]];
    const order = newer._version.compare(older._version);
    if (order <= 0) {
      const what = order === 0 ? `is the release it comes from (${older.version}): there is nothing to upgrade`
        : `is older than the release it comes from (${older.version}): downgrades are not supported`;
      throw fieldError(scope, fieldOf(i, path.length), newer.version, what,
        order === 0 ? 'Give a newer release, or install with a KafkaPlatform' : 'List the releases oldest first; Strimzi documents upgrades only');
    }
    if (servesApiVersion(older._version, 'v1beta2') && !servesV1Beta2AndV1(older._version) && !servesApiVersion(newer._version, 'v1beta2')) {
      throw fieldError(scope, fieldOf(i, path.length), newer.version, `cannot follow Strimzi ${older.version} directly: it serves only the v1 API, and `
        + 'resources stored as v1beta2 must first be converted and re-stored as v1 (Strimzi\'s crd-upgrade) on a release that serves both',
      `Add via: [a 0.49, 0.50 or 0.51 release, for example StrimziRelease.fromDirectory('vendor/strimzi-0.51.0/install')] before ${newer.version}`);
    }
  }
  return path;
}

function fieldOf(index: number, length: number): string {
  return index === 0 ? 'from' : index === length - 1 ? 'to' : `via[${index - 1}]`;
}
