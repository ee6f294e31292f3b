import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { argoCdApplication } from './argo-cd';
import { AutoscaledField } from './autoscaled-field';
import { fluxKustomizations, FluxStage, kustomizationFile } from './flux';
import { GitOps, GitOpsFlavour } from './git-ops';
import { PlatformStage } from '../stages/stage-names';

/** What the layout writer needs to know of the numbered files in a folder. */
export interface OutputDescription {
  /** Names the Argo CD Application (the platform's id). */
  readonly name: string;
  /** The extension cdk8s gives the files (`.k8s.yaml`). */
  readonly fileExtension: string;
  /** The platform stage that each chart (by its file name without index) holds. */
  readonly stages: Map<string, PlatformStage>;
  /** Fields the autoscaler owns. */
  readonly autoscaled: AutoscaledField[];
  /** apiVersion of the Strimzi resources, for example `kafka.strimzi.io/v1`. */
  readonly strimziApiVersion: string;
  /** The folder below the configured repository path (an upgrade phase), or '' for the output folder itself. */
  readonly subfolder: string;
}

/** The chart files cdk8s wrote into `dir` (FILE_PER_CHART: `NNNN-<chart><ext>`), in apply order. */
function chartFiles(dir: string, extension: string): string[] {
  return fs.readdirSync(dir).filter(f => f.endsWith(extension) && /^\d{4}-/.test(f)
    && fs.statSync(path.join(dir, f)).isFile()).sort();
}

/**
 * Lays out the numbered files cdk8s wrote into `dir` for the GitOps flavour: nothing more for plain
 * files; an Application in `argocd/` for Argo CD; for Flux one folder per file with a
 * kustomization.yaml, a root kustomization.yaml, and the Flux Kustomizations in `flux/`.
 */
export function writeLayout(dir: string, gitOps: GitOps, output: OutputDescription): void {
  const files = chartFiles(dir, output.fileExtension);
  if (gitOps.flavour === GitOpsFlavour.ARGO_CD) {
    const options = gitOps.argoCdOptions!;
    const application = argoCdApplication(output.name, options, joinRepoPath(options.path, output.subfolder), output.autoscaled);
    writeYaml(path.join(dir, 'argocd', `${output.name}-application.yaml`), [application]);
  } else if (gitOps.flavour === GitOpsFlavour.FLUX) {
    const stages = files.map(file => fluxStage(dir, file, output));
    writeYaml(path.join(dir, 'kustomization.yaml'), [kustomizationFile(stages.map(s => s.folder))]);
    const options = gitOps.fluxOptions!;
    const withPath = { ...options, path: joinRepoPath(options.path, output.subfolder) };
    writeYaml(path.join(dir, 'flux', 'kustomizations.yaml'), fluxKustomizations(withPath, stages));
    writeYaml(path.join(dir, 'flux', 'kustomization.yaml'), [kustomizationFile(['kustomizations.yaml'])]);
  }
}

// Moves a chart file into a folder of its own, next to a kustomization.yaml that lists it.
function fluxStage(dir: string, file: string, output: OutputDescription): FluxStage {
  const folder = file.slice(0, -output.fileExtension.length);
  fs.mkdirSync(path.join(dir, folder), { recursive: true });
  fs.renameSync(path.join(dir, file), path.join(dir, folder, file));
  writeYaml(path.join(dir, folder, 'kustomization.yaml'), [kustomizationFile([file])]);
  const stage = output.stages.get(folder.replace(/^\d+-/, ''));
  return {
    folder,
    prune: stage !== PlatformStage.CRDS,
    autoscaled: stage === PlatformStage.KAFKA ? output.autoscaled : [],
    strimziApiVersions: stage === PlatformStage.KAFKA ? [output.strimziApiVersion] : [],
    scaledObjects: stage === PlatformStage.AUTOSCALING,
  };
}

function joinRepoPath(base: string, subfolder: string): string {
  const trimmed = base.replace(/\/+$/, '');
  return subfolder ? `${trimmed}/${subfolder}` : trimmed;
}

function writeYaml(file: string, documents: object[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Yaml.stringify(...documents));
}
