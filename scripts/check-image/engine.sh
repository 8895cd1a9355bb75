# shellcheck shell=bash
# What scripts/check-image.sh asks of the engine that builds the image, for ENGINE=docker (a Docker
# engine that answers) and ENGINE=buildah. Sourced by scripts/check-image.sh (uses its ENGINE,
# IMAGE, WORK and new_container).

# Prints the stand-in label of image $1 (empty for an image from a registry); fails when the
# engine's storage does not hold it.
engine_standin_label() {
  local label='index .Config.Labels "org.leuwongrr.standin"'
  if [[ $ENGINE == docker ]]; then
    docker image inspect --format "{{$label}}" "$1" 2>/dev/null
  else
    buildah inspect --type image --format "{{${label/.Config/.Docker.Config}}}" "$1" 2>/dev/null
  fi
}

engine_pull() {
  if [[ $ENGINE == docker ]]; then
    timeout 60 docker pull --quiet "$1" >/dev/null 2>&1
  else
    timeout 60 buildah pull --quiet "$1" >/dev/null 2>&1
  fi
}

# Hands a stand-in made in buildah's storage to the Docker engine, under the same name.
engine_load_standin() {
  [[ $ENGINE == docker ]] || return 0
  local archive="$WORK/standin.tar"
  rm -f "$archive"
  buildah push --quiet "$1" "docker-archive:$archive:$1" >/dev/null
  docker load --quiet --input "$archive" >/dev/null
  echo "  loaded $1 into the Docker engine"
}

# Builds the Dockerfile, unchanged, as IMAGE. docker's --network host: the build's `npm ci` reaches
# the npm registry the way this machine does (also on an engine without a bridge network). buildah's
# --format docker keeps HEALTHCHECK, which the OCI format has no field for.
engine_build() {
  if [[ $ENGINE == docker ]]; then
    docker build --network host --tag "$IMAGE" --file Dockerfile .
  else
    buildah build --isolation chroot --pull=never --format docker \
      --tag "$IMAGE" --file Dockerfile .
  fi
}

# Sets ROOTFS to the root file system of image $1: mounted (buildah), or exported into WORK
# (docker); once per image, the same folder after.
declare -A ROOTFS_OF=()
engine_rootfs() {
  if [[ -n ${ROOTFS_OF[$1]:-} ]]; then
    ROOTFS=${ROOTFS_OF[$1]}
    return
  fi
  if [[ $ENGINE == buildah ]]; then
    new_container "$1"
  else
    local ctr
    ROOTFS="$WORK/rootfs-${#ROOTFS_OF[@]}"
    mkdir -p "$ROOTFS"
    ctr=$(docker create "$1")
    docker export "$ctr" | tar -x -C "$ROOTFS"
    docker rm --volumes "$ctr" >/dev/null
  fi
  ROOTFS_OF[$1]=$ROOTFS
}

# The image's configuration, as `docker image inspect` or `buildah inspect` prints it.
engine_inspect() {
  if [[ $ENGINE == docker ]]; then
    docker image inspect "$1"
  else
    buildah inspect --type image "$1"
  fi
}

engine_size() {
  if [[ $ENGINE == docker ]]; then
    docker image inspect --format '{{.Size}}' "$1" | awk '{ printf "%.0f MB", $1 / 1e6 }'
  else
    buildah images --format '{{.Size}}' "$1"
  fi
}
