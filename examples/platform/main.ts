import * as path from 'path';
import { App } from 'cdk8s';
// In your own app: import { KafkaPlatform, StrimziRelease } from 'cdk8s-strimzi-keda';
import { KafkaPlatform, StrimziRelease } from '../../src';

// The unmodified install/cluster-operator folder of a Strimzi release. In your repository, vendor the
// folder of the release you run (or use StrimziRelease.fromUrl with a pinned sha256).
const strimziDir = process.env.STRIMZI_INSTALL_DIR
  ?? path.join(__dirname, '..', '..', '..', 'shared', 'upstream', 'strimzi', '1.2.0', 'install');

const app = new App();

new KafkaPlatform(app, 'events', {
  namespace: 'kafka',
  strimzi: StrimziRelease.fromDirectory(strimziDir),
  watchNamespaces: ['kafka', 'apps'],
});

app.synth();
