#!/usr/bin/env bash
# Builds the Dockerfile and runs the image the way an operator does: its own ENTRYPOINT and CMD, as
# its USER, with its ENV and WORKDIR, against the project's Discord and store emulators. Uses a
# Docker engine where one answers (`docker info`, DOCKER_HOST), else buildah with a runner of its
# own (scripts/check-image/container.ts). Needs root and several minutes; not part of `npm test`.
# Run from the repository after `npm ci`: bash scripts/check-image.sh
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=localhost/leuwongrr-order-bot:check
NODE_VERSION=$(sed -n 's/^ARG NODE_VERSION=//p' Dockerfile)
DEBIAN_RELEASE=$(sed -n 's/^ARG DEBIAN_RELEASE=//p' Dockerfile)
NODE_BASE=docker.io/library/node:${NODE_VERSION}-${DEBIAN_RELEASE}-slim  # the build stage's
DEBIAN_BASE=docker.io/library/debian:${DEBIAN_RELEASE}-slim               # the runtime's
IMAGE_BUDGET_MB=250 # the image's uncompressed size, base included

WORK=$(mktemp -d /tmp/check-image.XXXXXX)
CONTAINERS=()
CTR=
ROOTFS=
ENGINE=buildah

step() { printf '\n==> %s\n' "$*"; }
fail() {
  printf 'FAIL: %s\n' "$*" >&2
  exit 1
}

cleanup() {
  local ctr
  for ctr in "${CONTAINERS[@]}"; do
    buildah umount "$ctr" >/dev/null 2>&1 || true
    buildah rm "$ctr" >/dev/null 2>&1 || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

# A buildah container of image $1, remembered for the clean-up, in CTR; its root file system in
# ROOTFS.
new_container() {
  CTR=$(buildah from --pull=never --quiet "$1")
  CONTAINERS+=("$CTR")
  ROOTFS=$(buildah mount "$CTR")
}

# shellcheck source=SCRIPTDIR/check-image/standin.sh
source scripts/check-image/standin.sh
# shellcheck source=SCRIPTDIR/check-image/engine.sh
source scripts/check-image/engine.sh

require_tools() {
  step "Tools"
  [[ $(id -u) -eq 0 ]] || fail "run as root: the engine, chroot and namespaces need it"
  [[ -d node_modules ]] || fail "node_modules is missing: run npm ci first"
  if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
    ENGINE=docker
    echo "a Docker engine answers: $(docker version --format 'client {{.Client.Version}}, engine {{.Server.Version}}')"
  else
    echo "no Docker engine answers: buildah builds, and scripts/check-image/container.ts runs"
    command -v buildah >/dev/null || standin_tools
    command -v ip >/dev/null || { apt-get update -qq && apt-get install -y -qq iproute2 >/dev/null; }
    buildah --version
  fi
}

# Each base image from the engine's storage, else from a registry, else a stand-in.
base_images() {
  step "Base images"
  local image label missing=()
  for image in "$DEBIAN_BASE" "$NODE_BASE"; do
    if label=$(engine_standin_label "$image"); then
      echo "$image: in local storage (${label:-the image from the registry})"
    elif engine_pull "$image"; then
      echo "$image: pulled from the registry"
    else
      missing+=("$image")
    fi
  done
  ((${#missing[@]})) || return 0
  echo "no registry answers for ${missing[*]}: making stand-ins"
  make_standins "${missing[@]}"
  for image in "${missing[@]}"; do engine_load_standin "$image"; done
}

build_image() {
  step "Build the Dockerfile ($ENGINE)"
  local started=$SECONDS
  if ! engine_build >"$WORK/build.log" 2>&1; then
    tail -n 60 "$WORK/build.log"
    fail "the build failed (the last 60 lines of its log are above)"
  fi
  grep -E '^(\[[0-9]/[0-9]\] )?STEP [0-9]+/[0-9]+:|^Step [0-9]+/[0-9]+ :' "$WORK/build.log" | sed 's/^/  | /'
  echo "built $IMAGE in $((SECONDS - started)) s"
}

run_image() {
  step "Run the image against the Discord and store emulators"
  local rootfs
  engine_rootfs "$IMAGE"
  rootfs=$ROOTFS
  engine_inspect "$IMAGE" >"$WORK/image.json"
  if [[ $ENGINE == docker ]]; then
    node --import tsx scripts/check-image/driver.ts docker "$rootfs" "$WORK/image.json" "$IMAGE"
  else
    # A private network namespace with only loopback: the emulators, the bot and its health port
    # (the image's 8080) are alone there, and nothing can leave the machine.
    unshare --net -- sh -c 'ip link set lo up && exec "$@"' sh \
      node --import tsx scripts/check-image/driver.ts namespaces "$rootfs" "$WORK/image.json" "$WORK/volume"
  fi
}

show_contents() {
  step "What the image holds"
  local image_rootfs base_rootfs
  engine_rootfs "$IMAGE"
  image_rootfs=$ROOTFS
  engine_rootfs "$DEBIAN_BASE"
  base_rootfs=$ROOTFS
  echo "  $IMAGE: $(engine_size "$IMAGE") ($ENGINE)"
  echo "  $DEBIAN_BASE: $(engine_size "$DEBIAN_BASE") ($ENGINE)"
  node --import tsx scripts/check-image/contents.ts "$image_rootfs" "$base_rootfs" "$IMAGE_BUDGET_MB"
}

require_tools
base_images
build_image
# What the image holds is read before it runs: with buildah, the run writes into the same mount.
show_contents
run_image
step "PASS: the image builds, runs, places an order, stops cleanly and holds only the bot"
