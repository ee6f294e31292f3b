#!/usr/bin/env bash
# A new cdk8s app, as a user starts one (cdk8s-plus-33, what `cdk8s init typescript-app` gives), installs
# the packed library and synthesizes the README's smallest app verbatim: the first `ts` block of README.md.
# Needs the npm registry (as `npm ci` does) and a packed dist/js/*.tgz.
set -euo pipefail
cd "$(dirname "$0")/.."

upstream=$(npx ts-node -T fixtures/fetch.ts | sed -n 's/^upstream release files: //p')
tarball=$(ls "$PWD"/dist/js/*.tgz)
app=.ci-scratch/new-app
rm -rf "$app"
mkdir -p "$app/vendor/strimzi-1.2.0/install"
cp -r "$upstream/strimzi/1.2.0/install" "$app/vendor/strimzi-1.2.0/install/cluster-operator"
awk '/^```ts$/ { inside = 1; next } inside && /^```$/ { exit } inside { print }' README.md > "$app/main.ts"

cd "$app"
echo '{ "name": "new-app", "version": "0.0.0", "private": true }' > package.json
npm install --no-audit --no-fund --loglevel=error "$tarball" cdk8s constructs cdk8s-plus-33 typescript@5 @types/node@20
npx tsc --strict --module commonjs --target es2022 --moduleResolution node --skipLibCheck main.ts
node main.js
ls dist
grep -q 'kind: Kafka$' dist/*-events-kafka.k8s.yaml
grep -q 'kafkaconnectors.kafka.strimzi.io' dist/*-events-crds.k8s.yaml
echo "new app: $(cat dist/*.yaml | grep -c '^kind:') objects synthesized from the README's smallest app"
