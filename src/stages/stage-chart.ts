import { ApiObject, Chart } from 'cdk8s';
import { byApplyOrder } from './apply-order';
import { applySizeErrors } from './apply-size';
import { CrdSchemaSet } from './crd-schema';
import { pathMessage } from '../common/field-errors';
import { Manifest } from '../common/manifest';

/**
 * A chart for one stage of the platform: its objects come out in apply order by kind (then in
 * dependency and creation order), and rendering fails for objects too large for client-side apply
 * and for objects the CRDs of the platform's releases reject (for example a mistyped `addOverride`).
 *
 * These checks run when the chart is rendered rather than in a validation: cdk8s validates the whole
 * app once per chart it synthesizes, and they need every object rendered. (The
 * FOLDER_PER_CHART_FILE_PER_RESOURCE output mode renders objects one by one and skips them.)
 */
export class StageChart extends Chart {
  private schemas?: () => CrdSchemaSet[];
  private readonly decorators = new Array<(manifest: Manifest) => void>();

  /**
   * Validates the rendered objects against these CRD schemas.
   * @internal
   */
  public _validateAgainst(schemas: () => CrdSchemaSet[]): void {
    this.schemas = schemas;
  }

  /**
   * Changes every rendered object before it is checked (for example the annotations of a GitOps flavour).
   * @internal
   */
  public _decorate(decorator: (manifest: Manifest) => void): void {
    this.decorators.push(decorator);
  }

  public toJson(): Manifest[] {
    const manifests = super.toJson();
    for (const decorate of this.decorators) {
      manifests.forEach(decorate);
    }
    const errors = [...applySizeErrors(manifests, m => this.pathOf(m)), ...this.schemaErrors(manifests)];
    if (errors.length > 0) {
      throw new Error(errors.map(e => pathMessage(this, e)).join('\n'));
    }
    return byApplyOrder(manifests);
  }

  private schemaErrors(manifests: Manifest[]): string[] {
    const sets = this.schemas?.() ?? [];
    const errors = new Array<string>();
    for (const manifest of manifests) {
      const found = sets.find(set => set.serves(manifest))?.errors(manifest) ?? [];
      errors.push(...found.map(e => `${manifest.kind} "${manifest.metadata?.name}" (${this.pathOf(manifest)}): ${e}`));
    }
    return errors;
  }

  private pathOf(manifest: Manifest): string {
    const obj = this.node.findAll().find(c => ApiObject.isApiObject(c) && c.kind === manifest.kind && c.name === manifest.metadata?.name);
    return obj?.node.path ?? this.node.path;
  }
}
