#!/usr/bin/env bash
# The container checks: builds the Dockerfile with buildah (vfs storage, chroot isolation: no Docker
# engine, no registry needed) and runs the image as Knative and OpenShift would: as the image's
# non-root user, then as an arbitrary UID with group 0; every function at once, and one function
# per FUNCTION_TARGET. Each run gets the smoke test and a binary-mode batch CloudEvent, then
# SIGTERM (it must exit 0 promptly), and must have written nothing to the image's file system.
#   .ci/container.sh                 build with buildah, then check (what .ci/run does)
#   .ci/container.sh --no-build      check the image built before
#   .ci/container.sh --docker IMAGE  check an image in Docker (GitHub CI), with a read-only root
# Env: NODE_MAJOR (24), SCOREFN_IMAGE (localhost/scorefn:ci), SCOREFN_SHARED_TOOLS.
set -euo pipefail
cd "$(dirname "$0")/.."
engine=buildah build=1
image="${SCOREFN_IMAGE:-localhost/scorefn:ci}"
case "${1:-}" in
  --no-build) build=0 ;;
  --docker) engine=docker build=0 image="${2:?image}" ;;
  '') ;;
  *) echo "usage: $0 [--no-build | --docker IMAGE]"; exit 2 ;;
esac
major="${NODE_MAJOR:-24}"
base="docker.io/library/node:${major}-bookworm-slim"
bah=(buildah --storage-driver vfs)
arbitrary_uid=1000660000
work=$(mktemp -d)
container='' root='' runner='' docker_id=''

cleanup() {
  if [ -n "$runner" ] && kill -0 "$runner" 2> /dev/null; then kill -KILL "$runner" || true; fi
  if [ -n "$docker_id" ]; then docker rm -f "$docker_id" > /dev/null 2>&1 || true; fi
  if [ -n "$container" ]; then
    "${bah[@]}" umount "$container" > /dev/null 2>&1 || true
    "${bah[@]}" rm "$container" > /dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
step() { printf '\n-- %s --\n' "$*"; }
fail() { echo "FAIL: $*"; exit 1; }
ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }
inspect() { # Go template → the image's config, from either engine
  if [ "$engine" = docker ]; then docker image inspect --format "$1" "$image"; else
    "${bah[@]}" inspect --type image --format "${1//.Config./.OCIv1.Config.}" "$image"
  fi
}

if [ "$engine" = buildah ]; then
  step "tools"
  if ! command -v buildah > /dev/null; then
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q buildah
  fi
  buildah --version
fi
if [ "$build" = 1 ]; then
  if ! "${bah[@]}" inspect --type image "$base" > /dev/null 2>&1; then
    tools=''
    for dir in "${SCOREFN_SHARED_TOOLS:-}" "$PWD/../shared/tools" /work/shared/tools; do
      if [ -n "$dir" ] && [ -f "$dir/offline-node-base.sh" ]; then tools=$dir; break; fi
    done
    [ -n "$tools" ] || fail "offline-node-base.sh not found: set SCOREFN_SHARED_TOOLS"
    echo "no $base here: making the local stand-in with $tools/offline-node-base.sh"
    bash "$tools/offline-node-base.sh" "$major" "$base"
  fi
  step "build $image (NODE_IMAGE=$base)"
  "${bah[@]}" rmi -f "$image" > /dev/null 2>&1 || true
  start=$(date +%s%N)
  "${bah[@]}" bud --isolation chroot --build-arg "NODE_IMAGE=$base" -t "$image" . > "$work/build.log" 2>&1 ||
    { tail -40 "$work/build.log"; fail "build"; }
  echo "built in $(($(ms_since "$start") / 1000)) s"
fi

step "image $image"
user=$(inspect '{{.Config.User}}')
read -r -a command <<< "$(inspect '{{range .Config.Entrypoint}}{{.}} {{end}}{{range .Config.Cmd}}{{.}} {{end}}')"
env_list=" $(inspect '{{range .Config.Env}}{{.}} {{end}}')"
echo "user '$user', command '${command[*]}', env:$env_list"
[[ "$user" =~ ^[1-9][0-9]*$ ]] || fail "USER must be a numeric non-root UID, got '$user'"
[[ "$env_list" == *" NODE_ENV=production "* ]] || fail "NODE_ENV=production not set"
[[ "$env_list" == *" ORT_DISABLE_TELEMETRY=1 "* ]] || fail "ONNX Runtime telemetry not disabled"
if [ "$engine" = buildah ]; then
  "${bah[@]}" rm scorefn-ci-check > /dev/null 2>&1 || true # left by an interrupted run
  container=$("${bah[@]}" from --pull=never --name scorefn-ci-check "$image")
  root=$("${bah[@]}" mount "$container")
  bytes=$(du -sb "$root" | cut -f1)
  gzipped=$(tar -C "$root" -cf - . | gzip -6 | wc -c)
else
  bytes=$(docker image inspect --format '{{.Size}}' "$image")
  gzipped=$(docker save "$image" | gzip -6 | wc -c)
fi
printf 'image size: %d MB (%d MiB) unpacked, about %d MB gzip-compressed (as pushed)\n' \
  $((bytes / 1000000)) $((bytes / 1048576)) $((gzipped / 1000000))

node_of() { # the node process a buildah run started (buildah → chroot runtime → node)
  local queue=("$1") p exe
  while [ ${#queue[@]} -gt 0 ]; do
    p=${queue[0]}
    queue=("${queue[@]:1}")
    exe=$(tr '\0' '\n' < "/proc/$p/cmdline" 2> /dev/null | head -1 || true)
    if [ "${exe##*/}" = node ]; then echo "$p"; return 0; fi
    mapfile -t -O "${#queue[@]}" queue < <(pgrep -P "$p" || true)
  done
  return 1
}
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

start() { # user, port, env args...: starts the image's command
  local as=$1 port=$2
  shift 2
  if [ "$engine" = docker ]; then
    docker_id=$(docker run -d --read-only --user "$as" --cap-drop ALL --security-opt no-new-privileges \
      -p "127.0.0.1:$port:$port" -e "PORT=$port" "$@" "$image")
  else
    "${bah[@]}" run --isolation chroot --user "$as" -e "PORT=$port" "$@" "$container" -- "${command[@]}" \
      > "$work/run.log" 2>&1 &
    runner=$!
  fi
}
running() { if [ "$engine" = docker ]; then [ "$(docker inspect -f '{{.State.Running}}' "$docker_id")" = true ]; else kill -0 "$runner" 2> /dev/null; fi; }
logs() { if [ "$engine" = docker ]; then docker logs "$docker_id" 2>&1; else cat "$work/run.log"; fi; }

stop() { # SIGTERM to Node; it must exit 0 within 10 s
  local started status
  started=$(date +%s%N)
  if [ "$engine" = docker ]; then
    docker stop --time 10 "$docker_id" > /dev/null
    status=$(docker inspect -f '{{.State.ExitCode}}' "$docker_id")
  else
    kill -TERM "$(node_of "$runner")"
    for _ in $(seq 1 100); do running || break; sleep 0.1; done
    running && fail "still running 10 s after SIGTERM"
    status=0
    wait "$runner" || status=$?
    runner=''
  fi
  [ "$status" = 0 ] || { logs | tail -5; fail "exit status $status after SIGTERM"; }
  echo "ok   SIGTERM: exited 0 after $(ms_since "$started") ms"
}

unwritten() { # nothing may be written to the image's file system (Knative mounts it read-only)
  local written
  if [ "$engine" = docker ]; then
    written=$(docker diff "$docker_id")
    docker rm "$docker_id" > /dev/null
    docker_id=''
  else
    # buildah run itself creates only its mount points: /proc, /sys, /dev, /run, /etc/hosts, ...
    written=$(cd "$root" && find . -newer "$1" ! -path . ! -path ./proc ! -path ./sys ! -path ./dev \
      ! -path ./run ! -path ./run/.containerenv ! -path ./etc ! -path ./etc/hosts \
      ! -path ./etc/resolv.conf ! -path ./etc/hostname)
  fi
  [ -z "$written" ] || { printf '%s\n' "$written" | sed -n 1,20p; fail "wrote to the image's file system"; }
  echo "ok   nothing written to the file system"
}

batch_event() { # a binary-mode batch.requested gets 200 with a batch.scored CloudEvent
  local record status
  record=$(sed -n "s/^record='\(.*\)'\$/\1/p" .ci/smoke.sh)
  status=$(curl -s -o "$work/batch.body" -D "$work/batch.headers" -w '%{http_code}' -X POST "$1/batch-score" \
    -H 'ce-specversion: 1.0' -H 'ce-type: dev.scorefn.batch.requested' -H 'ce-source: /ci/container' \
    -H "ce-id: ci-$RANDOM" -H 'ce-batchid: ci' -H 'ce-chunkindex: 0' -H 'content-type: application/json' \
    --data-binary "[$record, $record]")
  [ "$status" = 200 ] || { cat "$work/batch.body"; fail "batch event: HTTP $status"; }
  tr -d '\r' < "$work/batch.headers" | grep -qi '^ce-type: dev.scorefn.batch.scored$' ||
    { cat "$work/batch.headers"; fail "batch event: no ce-type dev.scorefn.batch.scored"; }
  grep -q '"scored":2' "$work/batch.body" || { head -c 400 "$work/batch.body"; fail "batch event: body"; }
  echo "ok   batch event (200, ce-type dev.scorefn.batch.scored, 2 records scored)"
}

check() { # user, function ('all' leaves FUNCTION_TARGET unset)
  local as=$1 target=$2 port marker started url
  port=$(free_port)
  marker="$work/marker-$port"
  touch "$marker"
  url="http://127.0.0.1:$port"
  step "run as $as, FUNCTION_TARGET=${target/all/(unset)}, port $port"
  started=$(date +%s%N)
  if [ "$target" = all ]; then start "$as" "$port"; else start "$as" "$port" -e "FUNCTION_TARGET=$target"; fi
  for _ in $(seq 1 150); do
    curl -fs "$url/health/ready" > /dev/null 2>&1 && break
    running || { logs; fail "exited before ready"; }
    sleep 0.1
  done
  echo "ready after $(ms_since "$started") ms (server start-up $(logs | grep -o '"startup_ms":[0-9]*' | cut -d: -f2) ms)"
  .ci/smoke.sh "$url" "$target"
  case $target in
    all | batch-score) batch_event "$url" ;;
    *)
      [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$url/batch-score")" = 404 ] ||
        fail "$target also serves /batch-score"
      echo "ok   only $target is served (/batch-score: 404)"
      ;;
  esac
  stop
  unwritten "$marker"
}

check "$user" all
check "$user" batch-score
check "$arbitrary_uid:0" all
check "$arbitrary_uid:0" predict
step "container checks passed: $image, $((bytes / 1000000)) MB"
