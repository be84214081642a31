#!/usr/bin/env bash
# Deploys scorefn to a cluster with Knative Serving and Eventing, using only kubectl (and its
# built-in kustomize). The image is always given by digest; the repository's files are not changed
# (each build happens in a temporary copy of knative/).
#   knative/deploy.sh canary   IMAGE@sha256:...   first deploy: production; after: the canary split
#   knative/deploy.sh promote  IMAGE@sha256:...   the candidate takes 100 % (no new revision)
#   knative/deploy.sh rollback IMAGE@sha256:...   every Service back to its newest ready revision
#                                                 that does not run IMAGE, 100 %
#   knative/deploy.sh render   OVERLAY IMAGE@sha256:...   print what would be applied
# Env: NAMESPACE (scorefn, as in the production overlay), WAIT (5m), CREATE_NAMESPACE (1; 0 leaves
# the Namespace object out, e.g. on OpenShift after `oc new-project scorefn`).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
namespace="${NAMESPACE:-scorefn}"
wait_for="${WAIT:-5m}"
command="${1:?usage: deploy.sh canary|promote|rollback|render ...}"
shift

pinned() { [[ "$1" =~ ^[a-z0-9./_-]+(:[0-9]+)?/[a-z0-9./_-]+@sha256:[0-9a-f]{64}$ ]] || {
  echo "not an image by digest: $1" >&2
  exit 2
}; }

# render OVERLAY IMAGE: the overlay with every function's image replaced by IMAGE
render() {
  local overlay=$1 image=$2 copy current
  pinned "$image"
  copy=$(mktemp -d)
  cp -r "$here/base" "$here/overlays" "$copy/"
  [ -z "${REVISIONS:-}" ] || cp "$REVISIONS" "$copy/overlays/canary/revisions.env"
  current=$(kubectl kustomize "$copy/overlays/$overlay" | sed -n 's/^ *image: //p' | sort -u)
  [ "$(wc -l <<< "$current")" = 1 ] || { echo "expected one image in $overlay, got: $current" >&2; exit 1; }
  mkdir "$copy/deploy"
  cat > "$copy/deploy/kustomization.yaml" << EOF
resources:
  - ../overlays/$overlay
images:
  - name: ${current%%[@:]*}
    newName: ${image%@*}
    digest: ${image#*@}
EOF
  if [ "${CREATE_NAMESPACE:-1}" = 0 ]; then
    cat >> "$copy/deploy/kustomization.yaml" << EOF
patches:
  - patch: |-
      \$patch: delete
      apiVersion: v1
      kind: Namespace
      metadata:
        name: $namespace
EOF
  fi
  kubectl kustomize "$copy/deploy"
  rm -rf "$copy"
}

# The revision serving 100 % of each Service now ("name=revision" lines for revisions.env).
serving_revisions() {
  local service revision
  for service in $(kubectl kustomize "$here/overlays/production" | sed -n 's/^    app.kubernetes.io\/component: //p' | sort -u); do
    revision=$(kubectl -n "$namespace" get ksvc "$service" \
      -o jsonpath='{.status.traffic[?(@.percent==100)].revisionName}')
    [ -n "$revision" ] || { echo "$service: no revision at 100 % (a canary in progress?): promote or roll back first" >&2; exit 1; }
    echo "$service=$revision"
  done
}

apply() { # overlay image
  render "$1" "$2" | kubectl apply -f -
  kubectl -n "$namespace" wait ksvc --all --for=condition=Ready --timeout="$wait_for"
  kubectl -n "$namespace" get ksvc
}

case "$command" in
  render) render "${1:?overlay}" "${2:?image}" ;;
  canary)
    if ! kubectl -n "$namespace" get ksvc predict > /dev/null 2>&1; then
      echo "first deploy to $namespace: production overlay, no canary"
      apply production "${1:?image}"
      exit 0
    fi
    REVISIONS=$(mktemp)
    export REVISIONS
    serving_revisions > "$REVISIONS"
    cat "$REVISIONS"
    apply canary "${1:?image}"
    ;;
  promote) apply production "${1:?image}" ;;
  rollback)
    bad="${1:?image}"
    pinned "$bad"
    for service in $(kubectl -n "$namespace" get ksvc -o jsonpath='{.items[*].metadata.name}'); do
      previous=$(kubectl -n "$namespace" get revisions -l "serving.knative.dev/service=$service" \
        --sort-by=.metadata.creationTimestamp -o jsonpath='{range .items[*]}{.metadata.name} {.spec.containers[0].image} {.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' |
        awk -v bad="$bad" '$2 != bad && $3 == "True" { name = $1 } END { print name }')
      [ -n "$previous" ] || { echo "$service: no earlier ready revision; left as it is" >&2; continue; }
      echo "$service -> $previous (100 %)"
      kubectl -n "$namespace" patch ksvc "$service" --type merge \
        -p "{\"spec\":{\"traffic\":[{\"revisionName\":\"$previous\",\"percent\":100}]}}"
    done
    kubectl -n "$namespace" wait ksvc --all --for=condition=Ready --timeout="$wait_for"
    ;;
  *) echo "unknown command: $command" >&2; exit 2 ;;
esac
