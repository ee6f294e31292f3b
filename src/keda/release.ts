import { loadKedaCrds } from './crd-source';
import {
  affectedBy, KEDA_FEATURES, KEDA_REGRESSIONS, KedaFeature, KedaRegression, MINIMUM_KEDA_VERSION,
  NEWEST_KNOWN_KEDA_VERSION, supports,
} from './release-facts';
import { checkInput, instanceOf, STRING, struct } from '../common/input-shape';
import { DNS_LABEL_RULE, isDnsLabel, isDnsSubdomain } from '../common/k8s-names';
import { Manifest } from '../common/manifest';
import { Version } from '../common/version';

/** The KEDA install in the cluster, as far as the objects this library emits depend on it. */
export interface KedaOperatorOptions {
  /**
   * Namespace the KEDA operator runs in (also where ClusterTriggerAuthentication secrets live).
   *
   * @default 'keda'
   */
  readonly namespace?: string;

  /**
   * Name of the operator's ServiceAccount.
   *
   * @default 'keda-operator'
   */
  readonly serviceAccountName?: string;

  /**
   * The single namespace KEDA watches (Helm value `watchNamespace`).
   *
   * @default - KEDA watches all namespaces
   */
  readonly watchNamespace?: string;
}

/** Options of `KedaRelease.of()`. */
export interface KedaReleaseOptions {
  /**
   * A folder with the release's CRD files (for example the `config/crd/bases` folder of the KEDA
   * tag), to emit with `KedaCrds`; every `*.yaml` file in it must be a KEDA CRD of this release.
   *
   * @default - no CRDs: KEDA and its CRDs are installed by other means
   */
  readonly crdsDirectory?: string;

  /**
   * How KEDA is installed.
   *
   * @default - namespace `keda`, ServiceAccount `keda-operator`, all namespaces watched
   */
  readonly operator?: KedaOperatorOptions;
}

/**
 * A KEDA release: what the emitted ScaledObjects and TriggerAuthentications may use, and the
 * known bugs of that release they must avoid.
 *
 * Releases newer than the newest one this library knows (`NEWEST_KNOWN_VERSION`) within its major
 * version are accepted and treated like it: its features are assumed to remain and its unfixed bugs
 * to persist. A newer major version is refused.
 *
 * @example
 * KedaRelease.V2_20_2;
 * KedaRelease.of('2.20.2', { crdsDirectory: 'vendor/keda-2.20.2/crds', operator: { watchNamespace: 'apps' } });
 */
export class KedaRelease {
  /** The oldest KEDA release this library supports. */
  public static readonly MINIMUM_VERSION = MINIMUM_KEDA_VERSION;

  /** The newest KEDA release whose behaviour this library was checked against. */
  public static readonly NEWEST_KNOWN_VERSION = NEWEST_KNOWN_KEDA_VERSION;

  /** KEDA 2.14.1. */
  public static readonly V2_14_1 = KedaRelease.of('2.14.1');

  /** KEDA 2.15.1 (its azure-eventhub scaler is broken: keda#6084). */
  public static readonly V2_15_1 = KedaRelease.of('2.15.1');

  /** KEDA 2.16.1. */
  public static readonly V2_16_1 = KedaRelease.of('2.16.1');

  /** KEDA 2.17.1. */
  public static readonly V2_17_1 = KedaRelease.of('2.17.1');

  /** KEDA 2.18.3. */
  public static readonly V2_18_3 = KedaRelease.of('2.18.3');

  /** KEDA 2.19.0. */
  public static readonly V2_19_0 = KedaRelease.of('2.19.0');

  /** KEDA 2.20.2. */
  public static readonly V2_20_2 = KedaRelease.of('2.20.2');

  /**
   * A KEDA release by its version number, 2.14.0 or newer within KEDA 2.
   *
   * @param version MAJOR.MINOR.PATCH, for example `2.20.2`
   */
  public static of(version: string, options: KedaReleaseOptions = {}): KedaRelease {
    checkInput('KedaRelease.of', 'version', version, STRING);
    checkInput('KedaRelease.of', 'options', options, struct('KedaReleaseOptions', {
      crdsDirectory: STRING,
      operator: struct('KedaOperatorOptions', { namespace: STRING, serviceAccountName: STRING, watchNamespace: STRING }),
    }));
    return new KedaRelease(version, options);
  }

  /** The version, for example `2.20.2`. */
  public readonly version: string;

  /** Where the CRDs were read from, if anywhere. */
  public readonly crdsDirectory?: string;

  /** Names of the CRDs read from `crdsDirectory`, sorted; empty without it. */
  public readonly crdNames: string[];

  /** Namespace of the KEDA operator. */
  public readonly operatorNamespace: string;

  /** ServiceAccount of the KEDA operator. */
  public readonly operatorServiceAccountName: string;

  /** The one namespace KEDA watches, if it is restricted to one. */
  public readonly watchNamespace?: string;

  /** @internal */
  public readonly _version: Version;

  /** @internal the CRDs as read from crdsDirectory */
  public readonly _crds: Manifest[];

  private constructor(version: string, options: KedaReleaseOptions) {
    const what = `KedaRelease.of(${JSON.stringify(version)})`;
    const parsed = Version.tryParse(version);
    if (!parsed) {
      const hint = /^v\d/.test(String(version)) ? `: write ${JSON.stringify(String(version).slice(1))}, without the "v"` : ', for example "2.20.2"';
      throw new Error(`${what}: not a KEDA version. Use MAJOR.MINOR.PATCH${hint}`);
    }
    if (parsed.isBelow(MINIMUM_KEDA_VERSION)) {
      throw new Error(`${what}: KEDA ${parsed} is not supported: this library needs KEDA ${MINIMUM_KEDA_VERSION} or later, `
        + `because its knowledge of KEDA (admission rules, trigger parameters, known bugs) was checked from ${MINIMUM_KEDA_VERSION} on `
        + 'and older releases are outside KEDA\'s support window. Upgrade KEDA');
    }
    const newest = Version.tryParse(NEWEST_KNOWN_KEDA_VERSION)!;
    if (parsed.major > newest.major) {
      throw new Error(`${what}: KEDA ${parsed.major} is a major release this library does not know: its knowledge of KEDA `
        + `(admission rules, trigger parameters, known bugs) covers KEDA ${MINIMUM_KEDA_VERSION} to ${NEWEST_KNOWN_KEDA_VERSION} and newer `
        + `${newest.major}.x releases, and a major release may change any of them. Use KEDA ${newest.major}.x, or a release of this `
        + `library that knows KEDA ${parsed.major}`);
    }
    this._version = parsed;
    this.version = parsed.toString();

    const operator = options.operator ?? {};
    this.operatorNamespace = operator.namespace ?? 'keda';
    this.operatorServiceAccountName = operator.serviceAccountName ?? 'keda-operator';
    this.watchNamespace = operator.watchNamespace;
    for (const [field, value] of [['operator.namespace', this.operatorNamespace], ['operator.watchNamespace', this.watchNamespace]]) {
      if (value !== undefined && !isDnsLabel(value)) {
        throw new Error(`${what}: ${field}: ${JSON.stringify(value)} ${DNS_LABEL_RULE}`);
      }
    }
    if (!isDnsSubdomain(this.operatorServiceAccountName)) {
      throw new Error(`${what}: operator.serviceAccountName: ${JSON.stringify(this.operatorServiceAccountName)} is not a valid ServiceAccount name`);
    }

    this.crdsDirectory = options.crdsDirectory;
    this._crds = options.crdsDirectory === undefined ? [] : loadKedaCrds(what, options.crdsDirectory, parsed);
    this.crdNames = this._crds.map(c => c.metadata.name as string).sort();
  }

  /** Whether this release has `feature`. @internal */
  public _supports(feature: KedaFeature): boolean {
    return supports(this._version, feature);
  }

  /** Whether this release has the bug `regression`. @internal */
  public _affectedBy(regression: KedaRegression): boolean {
    return affectedBy(this._version, regression);
  }

  /**
   * The rule and hint of an error for using `feature` on a release without it; undefined when the
   * release has it.
   * @internal
   */
  public _versionRule(feature: KedaFeature): { rule: string; hint: string } | undefined {
    if (this._supports(feature)) {
      return undefined;
    }
    const fact = KEDA_FEATURES[feature];
    return {
      rule: `needs KEDA ${fact.since} or later (${fact.source}), but the release is KEDA ${this.version}`,
      hint: `Remove it, or use KEDA ${fact.since} or later`,
    };
  }

  /**
   * The rule and hint of an error for walking into `regression` on this release; undefined when
   * the release does not have the bug.
   * @internal
   */
  public _regressionRule(regression: KedaRegression): { rule: string; hint: string } | undefined {
    if (!this._affectedBy(regression)) {
      return undefined;
    }
    const fact: { what: string; fixedIn?: string; source: string; advice: string } = KEDA_REGRESSIONS[regression];
    const fixed = fact.fixedIn ? `fixed in ${fact.fixedIn}` : 'no release has the fix yet';
    return {
      rule: `cannot work on KEDA ${this.version}: ${fact.what} (${fact.source}; ${fixed})`,
      hint: fact.advice,
    };
  }
}

/** The shape of a `KedaRelease`. */
export const KEDA_RELEASE_SHAPE = instanceOf('KedaRelease', () => KedaRelease, 'KedaRelease.of(\'2.20.2\') (your version)');
