import { Size } from 'cdk8s';
import { BOOLEAN, mapOf, SIZE, STRING, struct } from '../common/input-shape';

/** JVM settings of Kafka nodes or Connect workers (Strimzi `jvmOptions`). */
export interface JvmOptions {
  /**
   * Initial heap size (`-Xms`), in whole mebibytes.
   *
   * @default - Strimzi's default
   */
  readonly heapMin?: Size;

  /**
   * Maximum heap size (`-Xmx`), in whole mebibytes.
   *
   * @default - Strimzi's default
   */
  readonly heapMax?: Size;

  /**
   * `-XX` options, for example `{ UseG1GC: 'true' }`.
   *
   * @default - none
   */
  readonly xx?: { [option: string]: string };

  /**
   * Java system properties (`-D<name>=<value>`).
   *
   * @default - none
   */
  readonly systemProperties?: { [name: string]: string };

  /**
   * Whether garbage collection logging is enabled.
   *
   * @default - Strimzi's default (disabled)
   */
  readonly gcLogging?: boolean;
}

/** Renders `JvmOptions`; heap sizes must be whole mebibytes (CRD pattern `^[0-9]+[mMgG]?$`). */
export function renderJvmOptions(options: JvmOptions, fail: (field: string, value: unknown, rule: string) => Error): any {
  const heap = (field: string, size: Size | undefined): string | undefined => {
    if (size === undefined) {
      return undefined;
    }
    const mib = size.toKibibytes() / 1024;
    if (!Number.isInteger(mib) || mib < 1) {
      throw fail(`jvmOptions.${field}`, `${size.toKibibytes()}KiB`, 'must be a whole number of mebibytes');
    }
    return mib % 1024 === 0 ? `${mib / 1024}g` : `${mib}m`;
  };
  const rendered: any = {
    '-Xms': heap('heapMin', options.heapMin),
    '-Xmx': heap('heapMax', options.heapMax),
    '-XX': options.xx,
    'javaSystemProperties': options.systemProperties
      ? Object.entries(options.systemProperties).map(([name, value]) => ({ name, value }))
      : undefined,
    'gcLoggingEnabled': options.gcLogging,
  };
  return Object.fromEntries(Object.entries(rendered).filter(([, v]) => v !== undefined));
}

/** The shape of `JvmOptions`. */
export const JVM_OPTIONS_SHAPE = struct('JvmOptions', {
  heapMin: SIZE,
  heapMax: SIZE,
  xx: mapOf(STRING),
  systemProperties: mapOf(STRING),
  gcLogging: BOOLEAN,
});
