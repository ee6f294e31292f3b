import { App } from 'cdk8s';

// cdk8s writes a chart per file and has no hook after `App.synth()`; the GitOps layouts and upgrade
// plans need files cdk8s cannot name (kustomization.yaml, an Argo CD Application, phase folders,
// UPGRADE.md). So the first construct that needs one wraps `synth` of its App instance, once, to run
// the registered writers after cdk8s has written its files. Nothing else of the App changes.
const writers = new WeakMap<App, Array<() => void>>();

/** Runs `writer` each time `app.synth()` has written its files, in the order writers were added. */
export function afterSynth(app: App, writer: () => void): void {
  let list = writers.get(app);
  if (!list) {
    const registered = new Array<() => void>();
    list = registered;
    writers.set(app, registered);
    const synth = app.synth.bind(app);
    app.synth = () => {
      synth();
      registered.forEach(w => w());
    };
  }
  list.push(writer);
}
