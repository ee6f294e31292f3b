// Release numbers of Strimzi, Kafka and KEDA are plain MAJOR.MINOR.PATCH (release candidates carry
// a suffix such as `-rc1`, which we keep but do not order).
const VERSION = /^(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?$/;

const parsed = new Map<string, Version | undefined>();

/** A parsed MAJOR.MINOR.PATCH release number. */
export class Version {
  /** Parses `text`, or returns undefined when it is not a release number. */
  public static tryParse(text: string): Version | undefined {
    if (typeof text !== 'string') {
      return undefined;
    }
    // Versions are immutable and the same few are compared per trigger and per resource.
    if (!parsed.has(text)) {
      const m = VERSION.exec(text.trim());
      parsed.set(text, m ? new Version(Number(m[1]), Number(m[2]), Number(m[3]), m[4] ?? '') : undefined);
    }
    return parsed.get(text);
  }

  private constructor(
    public readonly major: number,
    public readonly minor: number,
    public readonly patch: number,
    public readonly suffix: string) {}

  /** Negative, zero or positive, like a sort comparator; the suffix is ignored. */
  public compare(other: Version | string): number {
    const o = typeof other === 'string' ? Version.tryParse(other) : other;
    if (!o) {
      throw new Error(`not a version: ${other}`);
    }
    return (this.major - o.major) || (this.minor - o.minor) || (this.patch - o.patch);
  }

  public isAtLeast(other: string): boolean {
    return this.compare(other) >= 0;
  }

  public isBelow(other: string): boolean {
    return this.compare(other) < 0;
  }

  /** MAJOR.MINOR.PATCH without the suffix. */
  public get release(): string {
    return `${this.major}.${this.minor}.${this.patch}`;
  }

  /** MAJOR.MINOR */
  public get minorLine(): string {
    return `${this.major}.${this.minor}`;
  }

  public toString(): string {
    return `${this.release}${this.suffix}`;
  }
}
