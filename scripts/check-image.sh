#!/usr/bin/env bash
# Builds the Dockerfile with buildah and runs the image the way `docker run` does: its own
# ENTRYPOINT and CMD, as its USER, with its ENV and WORKDIR, against the project's Discord and
# store emulators. Needs root (buildah, chroot, namespaces) and several minutes; not part of
# `npm test`. Run from the repository after `npm ci`: bash scripts/check-image.sh
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=localhost/leuwongrr-order-bot:check
NODE_VERSION=$(sed -n 's/^ARG NODE_VERSION=//p' Dockerfile)
BASE=docker.io/library/node:${NODE_VERSION}-slim
SUITE=bookworm # the Debian release under the official node:<version>-slim the stand-in copies
BOT_BUDGET_MB=40 # what the bot, its dependencies and tini may add to the base image

WORK=$(mktemp -d /tmp/check-image.XXXXXX)
CONTAINERS=()
CTR=
ROOTFS=

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

# A container of image $1, remembered for the clean-up, in CTR; its root file system in ROOTFS.
new_container() {
  CTR=$(buildah from --pull=never --quiet "$1")
  CONTAINERS+=("$CTR")
  ROOTFS=$(buildah mount "$CTR")
}

require_tools() {
  step "Tools"
  [[ $(id -u) -eq 0 ]] || fail "run as root: buildah, chroot and namespaces need it"
  local missing=()
  command -v buildah >/dev/null || missing+=(buildah)
  command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
  command -v ip >/dev/null || missing+=(iproute2)
  if ((${#missing[@]})); then
    echo "installing ${missing[*]} from Debian's packages"
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  [[ -d node_modules ]] || fail "node_modules is missing: run npm ci first"
  buildah --version
  mmdebstrap --version
}

# shellcheck source=SCRIPTDIR/check-image/standin.sh
source scripts/check-image/standin.sh

base_image() {
  step "Base image $BASE"
  local label='{{index .Docker.Config.Labels "org.leuwongrr.standin"}}' standin
  if standin=$(buildah inspect --type image --format "$label" "$BASE" 2>/dev/null); then
    echo "in local storage: ${standin:-the image from the registry}"
  elif timeout 60 buildah pull --quiet "$BASE" >/dev/null 2>&1; then
    echo "pulled from the registry"
  else
    echo "no registry answers: making a stand-in from Debian $SUITE and Node's linux-x64 binary"
    make_standin
  fi
}

# Where the machine trusts an extra certificate authority (a TLS-inspecting proxy between it and
# the npm registry), npm inside the build needs it too. A folder with the certificates and an
# .npmrc naming them is mounted over /root (npm's home) for each RUN of the build only: /root
# exists in the base image, so no mount point is left in a layer.
build_trust_volumes() {
  local ca=${NODE_EXTRA_CA_CERTS:-}
  [[ -n $ca && -f $ca ]] || return 0
  mkdir -p "$WORK/root"
  cp "$ca" "$WORK/root/ca.crt"
  printf 'cafile=/root/ca.crt\n' >"$WORK/root/.npmrc"
  printf '%s\n' --volume "$WORK/root:/root"
}

build_image() {
  step "Build the Dockerfile (buildah, --format docker keeps HEALTHCHECK)"
  local started=$SECONDS trust=()
  mapfile -t trust < <(build_trust_volumes)
  ((${#trust[@]} == 0)) || echo "the build trusts $NODE_EXTRA_CA_CERTS (mounted, not copied)"
  if ! buildah build --isolation chroot --pull=never --format docker "${trust[@]}" \
    --tag "$IMAGE" --file Dockerfile . >"$WORK/build.log" 2>&1; then
    tail -n 60 "$WORK/build.log"
    fail "the build failed (the last 60 lines of its log are above)"
  fi
  grep -E '^(\[[0-9]/[0-9]\] )?STEP [0-9]+/[0-9]+:' "$WORK/build.log" | sed 's/^/  | /'
  echo "built $IMAGE in $((SECONDS - started)) s"
}

run_image() {
  step "Run the image against the Discord and store emulators"
  new_container "$IMAGE"
  buildah inspect --type image "$IMAGE" >"$WORK/image.json"
  # A private network namespace with only loopback: the emulators, the bot and its health port
  # (the image's 8080) are alone there, and nothing can leave the machine.
  unshare --net -- sh -c 'ip link set lo up && exec "$@"' sh \
    node --import tsx scripts/check-image/driver.ts "$ROOTFS" "$WORK/image.json" "$WORK/volume"
}

show_contents() {
  step "What the image holds"
  local image_rootfs image
  new_container "$IMAGE"
  image_rootfs=$ROOTFS
  new_container "$BASE"
  for image in "$IMAGE" "$BASE"; do
    echo "  $image: $(buildah images --format '{{.Size}}' "$image") (buildah images)"
  done
  node --import tsx scripts/check-image/contents.ts "$image_rootfs" "$ROOTFS" "$BOT_BUDGET_MB"
}

require_tools
base_image
build_image
run_image
show_contents
step "PASS: the image builds, runs, places an order, stops cleanly and holds only the bot"
