# The scorefn image: every function in one image, FUNCTION_TARGET picks one per Knative Service.
#
# Stage 1 (build) compiles the TypeScript, keeps production dependencies only and prunes them
# (ONNX Runtime binaries for the target platform only, source maps, type declarations, the Swagger UI
# files the docs page does not serve), then assembles a minimal root file system: the official
# image's own Node binary, the shared libraries it and ONNX Runtime link against (found with ldd),
# the app, a world-writable /tmp and nothing else (no shell, no package manager, no npm).
# Stage 2 is that root file system on `scratch`, one layer, owned by root and read-only to the app:
# it runs as UID 1000 here and under any UID with group 0 (OpenShift), with a read-only root.
#
#   docker build -t scorefn .                                    # Node 24 LTS, linux/amd64
#   docker build --build-arg NODE_IMAGE=node:22-bookworm-slim .   # another Node major (20 to 26)
#   docker buildx build --platform linux/arm64 -t scorefn .       # arm64 (TARGETARCH=arm64)
#   docker run --rm -p 8080:8080 -e FUNCTION_TARGET=predict scorefn
ARG NODE_IMAGE=docker.io/library/node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
# BuildKit and buildah set TARGETARCH (amd64, arm64); without it, the build machine's architecture.
ARG TARGETARCH
WORKDIR /src
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

# Dependencies first (their own layer, cached while the lock file is unchanged). No install scripts:
# onnxruntime-node's downloads optional CUDA files from outside the npm registry, and its binaries
# for every platform are already in the package; the project's `prepare` is the build below.
COPY package.json package-lock.json .npmrc ./
RUN npm ci --ignore-scripts

COPY tsconfig.json tsconfig.build.json ./
COPY model ./model
COPY functions ./functions
COPY cli ./cli
RUN npm run build && npm prune --omit=dev --ignore-scripts

# Prune node_modules to what runs on the target platform.
RUN set -eu; \
    arch="${TARGETARCH:-$(dpkg --print-architecture)}"; \
    case "$arch" in amd64|x64) ort=x64 ;; arm64|aarch64) ort=arm64 ;; *) echo "unsupported arch $arch"; exit 1 ;; esac; \
    bin=node_modules/onnxruntime-node/bin/napi-v6; \
    test -f "$bin/linux/$ort/onnxruntime_binding.node"; \
    find "$bin" -mindepth 1 -maxdepth 1 ! -name linux -exec rm -rf {} +; \
    find "$bin/linux" -mindepth 1 -maxdepth 1 ! -name "$ort" -exec rm -rf {} +; \
    find node_modules/swagger-ui-dist -maxdepth 1 -type f ! -name package.json ! -name index.js \
      ! -name absolute-path.js ! -name LICENSE ! -name NOTICE ! -name swagger-ui.css \
      ! -name swagger-ui-bundle.js ! -name swagger-ui-bundle.js.LICENSE.txt ! -name favicon-32x32.png \
      -delete; \
    find node_modules \( -name '*.map' -o -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' \) -type f -delete; \
    rm -rf node_modules/@types node_modules/.package-lock.json; \
    node --input-type=module -e "const ort = await import('onnxruntime-node'); if (!ort.InferenceSession) process.exit(1)"

# The root file system: Node, the libraries ldd names for Node and ONNX Runtime, the app, /tmp.
RUN set -eu; \
    root=/rootfs; \
    mkdir -p "$root/usr/local/bin" "$root/etc" "$root/app/model" "$root/tmp"; \
    chmod 1777 "$root/tmp"; \
    cp /usr/local/bin/node "$root/usr/local/bin/node"; \
    libs=$(ldd /usr/local/bin/node node_modules/onnxruntime-node/bin/napi-v6/linux/*/*.node \
      node_modules/onnxruntime-node/bin/napi-v6/linux/*/libonnxruntime.so.1 \
      | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^\/(usr\/)?lib/ && $i !~ /:$/) print $i }' | sort -u); \
    for lib in $libs; do mkdir -p "$root$(dirname "$lib")"; cp -L "$lib" "$root$lib"; done; \
    grep -E '^(root|node|nobody):' /etc/passwd > "$root/etc/passwd"; \
    grep -E '^(root|node|nogroup):' /etc/group > "$root/etc/group"; \
    cp /etc/nsswitch.conf "$root/etc/nsswitch.conf"; \
    cp -a package.json dist node_modules "$root/app/"; \
    cp -a model/artifacts "$root/app/model/artifacts"; \
    chown -R 0:0 "$root/app"; \
    chmod -R a+rX,go-w "$root/app"

FROM scratch
COPY --from=build /rootfs/ /
WORKDIR /app
# ORT_DISABLE_TELEMETRY: onnxruntime-node 1.30 otherwise sends usage telemetry to Microsoft and
# keeps a device id and an event database under $HOME. HOME: a path for any UID (OpenShift).
# MONITOR_DATA_DIR: the monitor's embedded store in memory, as nothing may be written (a read-only
# root); set DATABASE_URL for a store that lasts.
ENV PATH=/usr/local/bin NODE_ENV=production ORT_DISABLE_TELEMETRY=1 HOME=/tmp \
    MONITOR_DATA_DIR=memory://
LABEL org.opencontainers.image.title="scorefn" \
      org.opencontainers.image.description="ONNX credit-risk models served as Knative functions" \
      org.opencontainers.image.licenses="Apache-2.0"
EXPOSE 8080
USER 1000
# Exec form: Node is PID 1 and receives SIGTERM itself (it drains, then exits).
ENTRYPOINT ["node"]
CMD ["dist/functions/main.js"]
