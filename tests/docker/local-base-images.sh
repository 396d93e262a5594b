#!/usr/bin/env bash
# Local stand-ins for the .NET base images (and the Redis and nginx images of
# the compose file's `scale` profile, and PostgreSQL for the history store's
# tests), for container tests on machines that cannot reach a container registry.
#
#   bash tests/docker/local-base-images.sh            # build what is missing
#   bash tests/docker/local-base-images.sh --force    # rebuild every image
#   bash tests/docker/local-base-images.sh --rebuild-rootfs   # ...and redo debootstrap
#
# TEST FIXTURE ONLY. Users never run this: with registry access,
# `FROM mcr.microsoft.com/dotnet/sdk:10.0` and `FROM mcr.microsoft.com/dotnet/aspnet:10.0`
# are pulled as usual. This script builds images that carry exactly those two
# tags, so the project's standard Dockerfile builds unchanged on CI's machines,
# which have Debian's package archive and NuGet but no registry.
#
# What the stand-ins are, and how they differ from the real images:
#   * a Debian 12 (bookworm) `debootstrap --variant=minbase` root file system
#     with the .NET runtime dependencies (ca-certificates libicu72 libssl3
#     tzdata) and a user `app` (UID/GID 1654), imported with `docker import`.
#     The real 10.0 tags are Ubuntu 24.04 based (libicu74, libssl3t64): a
#     Dockerfile must not `apt-get install` release-specific package names.
#   * the host's CA bundle (and its extra CAs under
#     /usr/local/share/ca-certificates) replaces the image's, so TLS inside
#     `docker build` (NuGet restore) trusts what the host trusts.
#   * the .NET bits are copied from the machine's own .NET installation (the
#     folder `dotnet` on PATH resolves to): `aspnet` gets the `dotnet` host,
#     host/ and shared/{Microsoft.NETCore.App,Microsoft.AspNetCore.App} at the
#     versions the machine's 10.0 SDK bundles; `sdk` is built FROM that
#     `aspnet` image (as the real one is) and adds sdk/, sdk-manifests/,
#     packs/ and templates/, plus curl, git, libatomic1 and wget. No PowerShell.
#   * image metadata mirrors the real Dockerfiles: ENV APP_UID=1654,
#     ASPNETCORE_HTTP_PORTS=8080, DOTNET_RUNNING_IN_CONTAINER=true,
#     DOTNET_VERSION, ASPNET_VERSION; the sdk adds DOTNET_SDK_VERSION,
#     DOTNET_NOLOGO=true, DOTNET_GENERATE_ASPNET_CERTIFICATE=false,
#     DOTNET_USE_POLLING_FILE_WATCHER=true, NUGET_XMLDOC_MODE=skip.
#     One addition of the stand-in: NUGET_CERT_REVOCATION_MODE (the host's
#     value, else `offline`): no revocation server is reachable from here, and
#     the online check costs ~16 s per restore (measured: 17.2 s vs 0.9 s).
#     /usr/bin/dotnet links to /usr/share/dotnet/dotnet; the standard PATH;
#     no DOTNET_ROOT, no WORKDIR (/), USER root, CMD ["/bin/bash"], as upstream.
#   * both carry the label `dashboard.base-images=<fingerprint>`. An image
#     with that tag but without the label (a real, pulled one) is left alone;
#     one whose fingerprint no longer matches the machine's SDK is rebuilt.
#
# The service images docker-compose.yml names for `--profile scale`
# (`redis:7-bookworm`, `nginx:stable`) and the PostgreSQL image the store's
# tests start with Testcontainers (`postgres:15-bookworm`) get stand-ins too,
# from Debian's own `redis-server`, `nginx` and `postgresql-15` packages on the
# same runtime-deps image. Their
# recipes are the folders under tests/docker/service-images/ (a Dockerfile
# each, plus what the real image's entry point and configuration promise);
# their fingerprint is the recipe's checksum, so editing a recipe rebuilds
# that image, and the machine's SDK does not matter to them.
#
# Idempotent: a quick no-op when every tag exists. The rootfs tarball is cached
# in $DASHBOARD_BASE_IMAGES_CACHE (default ${XDG_CACHE_HOME:-$HOME/.cache}/dashboard-base-images),
# so a rebuild skips debootstrap. Needs root (debootstrap, chroot) and an
# engine (runs .ci/install-docker.sh when none answers). Installs debootstrap
# when missing. Host proxy variables (HTTP_PROXY, HTTPS_PROXY, NO_PROXY, any
# case) are passed to `docker build` as build args when set.
set -euo pipefail

SDK_TAG="mcr.microsoft.com/dotnet/sdk:10.0"
ASPNET_TAG="mcr.microsoft.com/dotnet/aspnet:10.0"
BASE_TAG="dashboard-base-images/runtime-deps:bookworm"
LABEL_KEY="dashboard.base-images"
CHANNEL="10.0"
# Bump when the rootfs recipe below changes, so caches are not reused.
ROOTFS_RECIPE=1
ROOTFS_PACKAGES=(ca-certificates libicu72 libssl3 tzdata)
APP_UID=1654
# Service stand-ins: tag -> recipe folder under tests/docker/service-images/.
declare -A SERVICE_IMAGES=(
  ["redis:7-bookworm"]=redis
  ["nginx:stable"]=nginx
  ["postgres:15-bookworm"]=postgres
)

CACHE_DIR="${DASHBOARD_BASE_IMAGES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dashboard-base-images}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

force=0
rebuild_rootfs=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    --rebuild-rootfs) force=1; rebuild_rootfs=1 ;;
    -h|--help) sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

log() { printf 'local-base-images: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Debian's engine has no buildx: use the legacy builder explicitly (a newer
# CLI would otherwise complain that BuildKit is enabled but buildx is missing).
export DOCKER_BUILDKIT=0
export DEBIAN_FRONTEND=noninteractive

# --- the machine's .NET ----------------------------------------------------------
command -v dotnet >/dev/null 2>&1 || die "no dotnet on PATH"
DOTNET_DIR="$(dirname "$(readlink -f "$(command -v dotnet)")")"
SDK_VERSION="$(find "$DOTNET_DIR/sdk" -mindepth 1 -maxdepth 1 -type d -name "${CHANNEL}.*" -printf '%f\n' | sort -V | tail -n 1)"
[[ -n $SDK_VERSION ]] || die "no ${CHANNEL}.x SDK under $DOTNET_DIR/sdk"
bundled="$DOTNET_DIR/sdk/$SDK_VERSION/Microsoft.NETCoreSdk.BundledVersions.props"
RUNTIME_VERSION="$(sed -n 's:.*<BundledNETCoreAppPackageVersion>\(.*\)</BundledNETCoreAppPackageVersion>.*:\1:p' "$bundled" 2>/dev/null | head -n 1)"
newest() { find "$1" -mindepth 1 -maxdepth 1 -type d -name "${CHANNEL}.*" -printf '%f\n' 2>/dev/null | sort -V | tail -n 1; }
[[ -n $RUNTIME_VERSION && -d $DOTNET_DIR/shared/Microsoft.NETCore.App/$RUNTIME_VERSION ]] \
  || RUNTIME_VERSION="$(newest "$DOTNET_DIR/shared/Microsoft.NETCore.App")"
ASPNET_VERSION="$RUNTIME_VERSION"
[[ -d $DOTNET_DIR/shared/Microsoft.AspNetCore.App/$ASPNET_VERSION ]] \
  || ASPNET_VERSION="$(newest "$DOTNET_DIR/shared/Microsoft.AspNetCore.App")"
[[ -n $RUNTIME_VERSION && -n $ASPNET_VERSION ]] \
  || die "no ${CHANNEL}.x Microsoft.NETCore.App / Microsoft.AspNetCore.App under $DOTNET_DIR/shared"
ARCH="$(dpkg --print-architecture)"
# The host's setting wins; `offline` by default (see the sdk Dockerfile below).
NUGET_REVOCATION_MODE="${NUGET_CERT_REVOCATION_MODE:-offline}"
FINGERPRINT="sdk=${SDK_VERSION};runtime=${RUNTIME_VERSION};aspnet=${ASPNET_VERSION};rootfs=bookworm-r${ROOTFS_RECIPE};nuget-revocation=${NUGET_REVOCATION_MODE};arch=${ARCH}"

# --- an engine ---------------------------------------------------------------------
if ! timeout 10 docker info >/dev/null 2>&1; then
  bash "$ROOT/.ci/install-docker.sh"
fi

# One builder at a time (parallel CI jobs share the cache and the tags); the
# state is read after the lock, so a waiter finds the other's images.
mkdir -p "$CACHE_DIR"
exec 9>"$CACHE_DIR/.lock"
flock 9

# missing | current | stale | foreign (same tag, not built by this script)
image_state() { # $1: tag, $2: expected fingerprint (default: the .NET one)
  local label
  docker image inspect "$1" >/dev/null 2>&1 || { echo missing; return; }
  label="$(docker image inspect --format "{{ index .Config.Labels \"$LABEL_KEY\" }}" "$1" 2>/dev/null || true)"
  if [[ -z $label || $label == "<no value>" ]]; then echo foreign
  elif [[ $label == "${2:-$FINGERPRINT}" ]]; then echo current
  else echo stale
  fi
}

# A service image's fingerprint: its recipe folder's checksum, the rootfs recipe, the architecture.
service_fingerprint() { # $1: recipe folder name
  local sum
  sum="$(cd "$HERE/service-images/$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)"
  printf 'service=%s;recipe=%s;rootfs=bookworm-r%s;arch=%s' "$1" "$sum" "$ROOTFS_RECIPE" "$ARCH"
}

aspnet_state="$(image_state "$ASPNET_TAG")"
sdk_state="$(image_state "$SDK_TAG")"
dotnet_needed=0
if ((force)) || [[ ! $aspnet_state =~ ^(current|foreign)$ || ! $sdk_state =~ ^(current|foreign)$ ]]; then
  dotnet_needed=1
fi
declare -A service_state=()
services_needed=()
for tag in "${!SERVICE_IMAGES[@]}"; do
  service_state[$tag]="$(image_state "$tag" "$(service_fingerprint "${SERVICE_IMAGES[$tag]}")")"
  if ((force)) || [[ ! ${service_state[$tag]} =~ ^(current|foreign)$ ]]; then
    services_needed+=("$tag")
  fi
done
services_summary="$(for tag in "${!SERVICE_IMAGES[@]}"; do printf '%s (%s), ' "$tag" "${service_state[$tag]}"; done)"
if ((dotnet_needed == 0 && ${#services_needed[@]} == 0)); then
  log "present: $ASPNET_TAG ($aspnet_state), $SDK_TAG ($sdk_state), ${services_summary%, }; nothing to do"
  exit 0
fi
if ((dotnet_needed)); then
  log "aspnet: $aspnet_state, sdk: $sdk_state; building for $FINGERPRINT"
fi
if ((${#services_needed[@]})); then
  log "service stand-ins: ${services_summary%, }; building ${services_needed[*]}"
fi

[[ $EUID -eq 0 ]] || die "building the images needs root (debootstrap, chroot)"

# --- build args: host proxy settings, if any ------------------------------------------
build_args=()
for v in HTTP_PROXY HTTPS_PROXY NO_PROXY http_proxy https_proxy no_proxy; do
  [[ -n ${!v:-} ]] && build_args+=(--build-arg "$v")
done
((${#build_args[@]})) && log "passing host proxy variables to docker build"

# --- the Debian archive the host uses ---------------------------------------------------
# Read from the host's apt sources (deb822 first, then one-line format), so the
# script names no archive host of its own. DEBIAN_MIRROR overrides.
host_debian_uri() { # $1: suite to look for (bookworm or bookworm-security)
  local suite="$1" f
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f $f ]] || continue
    awk -v want="$suite" '
      function flush() { if (uri != "" && (" " suites " ") ~ (" " want " ") && types ~ /(^|[ \t])deb([ \t]|$)/) { print uri; found=1; exit } uri=""; suites=""; types="" }
      /^[ \t]*$/ { flush(); next }
      /^Types:/  { sub(/^Types:[ \t]*/, ""); types=$0 }
      /^URIs:/   { sub(/^URIs:[ \t]*/, ""); split($0, u, /[ \t]+/); uri=u[1] }
      /^Suites:/ { sub(/^Suites:[ \t]*/, ""); suites=$0 }
      /^Enabled:[ \t]*no/ { uri="" }
      END { if (!found) flush() }' "$f"
  done | head -n 1
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f $f ]] || continue
    awk -v want="$suite" '$1 == "deb" { i = 2; if ($2 ~ /^\[/) while ($i !~ /\]$/) i++; if ($2 ~ /^\[/) i++; if ($(i+1) == want) { print $i; exit } }' "$f"
  done | head -n 1
}
MIRROR="${DEBIAN_MIRROR:-$(host_debian_uri bookworm | head -n 1)}"
SECURITY_MIRROR="${DEBIAN_SECURITY_MIRROR:-$(host_debian_uri bookworm-security | head -n 1)}"
[[ -n $MIRROR ]] || die "cannot find the host's Debian archive in /etc/apt (set DEBIAN_MIRROR)"

# --- the root file system (cached) -----------------------------------------------------------
ROOTFS_TAR="$CACHE_DIR/bookworm-minbase-${ARCH}-r${ROOTFS_RECIPE}.tar"

work=""
cleanup() {
  if [[ -n $work ]]; then
    mountpoint -q "$work/rootfs/proc" 2>/dev/null && umount "$work/rootfs/proc"
    rm -rf "$work"
  fi
}
trap cleanup EXIT

in_chroot() {
  env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 HOME=/root \
    chroot "$work/rootfs" "$@"
}

build_rootfs() {
  if ! command -v debootstrap >/dev/null 2>&1; then
    log "installing debootstrap"
    apt-cache show debootstrap >/dev/null 2>&1 || apt-get update -qq
    apt-get install -y -qq --no-install-recommends debootstrap >/tmp/local-base-images.apt.log 2>&1 \
      || { tail -n 20 /tmp/local-base-images.apt.log >&2; die "installing debootstrap failed"; }
  fi
  mkdir -p "$CACHE_DIR"
  # Under /var/tmp, not /tmp: device nodes and a chroot need a real disk.
  work="$(mktemp -d /var/tmp/dashboard-rootfs.XXXXXX)"
  local rootfs="$work/rootfs" t0=$SECONDS
  log "debootstrap --variant=minbase bookworm from the host's Debian archive"
  debootstrap --variant=minbase bookworm "$rootfs" "$MIRROR" >"$work/debootstrap.log" 2>&1 \
    || { tail -n 30 "$work/debootstrap.log" >&2; die "debootstrap failed"; }

  # apt sources as on a Debian image: the release, its updates and security.
  {
    printf 'Types: deb\nURIs: %s\nSuites: bookworm bookworm-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$MIRROR"
    if [[ -n $SECURITY_MIRROR ]]; then
      printf '\nTypes: deb\nURIs: %s\nSuites: bookworm-security\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$SECURITY_MIRROR"
    fi
  } >"$rootfs/etc/apt/sources.list.d/debian.sources"
  rm -f "$rootfs/etc/apt/sources.list"
  cp /etc/resolv.conf "$rootfs/etc/resolv.conf"
  mount -t proc proc "$rootfs/proc"

  log "adding ${ROOTFS_PACKAGES[*]} and user app (${APP_UID})"
  {
    in_chroot apt-get update -qq
    in_chroot apt-get install -y -qq --no-install-recommends "${ROOTFS_PACKAGES[@]}"
    in_chroot apt-get -qq upgrade -y
    in_chroot groupadd --gid="$APP_UID" app
    in_chroot useradd --no-log-init --uid="$APP_UID" --gid="$APP_UID" --create-home app
    in_chroot apt-get clean
  } >"$work/chroot.log" 2>&1 || { tail -n 30 "$work/chroot.log" >&2; die "setting up the rootfs failed"; }

  umount "$rootfs/proc"
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/log/*.log \
    "$rootfs"/var/log/apt/* "$rootfs"/tmp/* "$rootfs"/var/tmp/*
  : >"$rootfs/etc/resolv.conf"   # the engine provides its own at run time
  tar --numeric-owner --xattrs -C "$rootfs" -cf "$ROOTFS_TAR.partial" \
    --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' .
  mv "$ROOTFS_TAR.partial" "$ROOTFS_TAR"
  rm -rf "$work"; work=""
  log "cached $ROOTFS_TAR ($(du -h "$ROOTFS_TAR" | cut -f1), $((SECONDS - t0)) s)"
}

# --- runtime-deps: the imported rootfs, with the real runtime-deps metadata ------------------
import_base() {
  if ((rebuild_rootfs)) || [[ ! -s $ROOTFS_TAR ]]; then
    build_rootfs
  else
    log "using cached $ROOTFS_TAR"
  fi
  local t0=$SECONDS
  docker import \
    --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    --change "ENV APP_UID=${APP_UID}" \
    --change "ENV ASPNETCORE_HTTP_PORTS=8080" \
    --change "ENV DOTNET_RUNNING_IN_CONTAINER=true" \
    --change 'CMD ["/bin/bash"]' \
    --change "LABEL ${LABEL_KEY}.rootfs=bookworm-r${ROOTFS_RECIPE}" \
    "$ROOTFS_TAR" "$BASE_TAG" >/dev/null
  log "imported $BASE_TAG ($((SECONDS - t0)) s)"
}

# Imported again whenever the .NET images are built; building only service
# stand-ins reuses it when it is there and made from this rootfs recipe.
base_rootfs="$(docker image inspect --format "{{ index .Config.Labels \"${LABEL_KEY}.rootfs\" }}" "$BASE_TAG" 2>/dev/null || true)"
if ((dotnet_needed || rebuild_rootfs)) || [[ $base_rootfs != "bookworm-r${ROOTFS_RECIPE}" ]]; then
  import_base
else
  log "using $BASE_TAG (rootfs bookworm-r${ROOTFS_RECIPE})"
fi

no_cache=()
((force)) && no_cache=(--no-cache)
mkdir -p "$CACHE_DIR"

# Build contexts are streamed as tar so the .NET folder is never copied on
# disk. Only relative member names under the dotnet folder are rewritten.
ctx_transform() { printf 's,^\\./%s,%s,S' "$1" "$2"; }

build_aspnet() {
  local ctx t0=$SECONDS
  ctx="$(mktemp -d /var/tmp/dashboard-ctx.XXXXXX)"
  mkdir -p "$ctx/ca/local"
  cp /etc/ssl/certs/ca-certificates.crt "$ctx/ca/ca-certificates.crt"
  find /usr/local/share/ca-certificates -name '*.crt' -exec cp {} "$ctx/ca/local/" \; 2>/dev/null || true
  cat >"$ctx/Dockerfile" <<EOF
FROM ${BASE_TAG}
# The host's CA bundle, so TLS inside builds trusts what the host trusts.
COPY ca/local/ /usr/local/share/ca-certificates/
COPY ca/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
# .NET Runtime (the machine's own, as its SDK bundles it)
ENV DOTNET_VERSION=${RUNTIME_VERSION}
COPY runtime/ /usr/share/dotnet/
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
# ASP.NET Core
ENV ASPNET_VERSION=${ASPNET_VERSION}
COPY aspnet/ /usr/share/dotnet/
LABEL ${LABEL_KEY}="${FINGERPRINT}"
EOF
  local members=(./dotnet ./host "./shared/Microsoft.NETCore.App/$RUNTIME_VERSION"
                 "./shared/Microsoft.AspNetCore.App/$ASPNET_VERSION")
  for f in LICENSE.txt ThirdPartyNotices.txt; do [[ -f $DOTNET_DIR/$f ]] && members+=("./$f"); done
  tar -cf - -C "$ctx" Dockerfile ca \
      -C "$DOTNET_DIR" \
      --transform "$(ctx_transform 'shared/Microsoft\.AspNetCore\.App/' 'aspnet/shared/Microsoft.AspNetCore.App/')" \
      --transform "$(ctx_transform '' 'runtime/')" \
      "${members[@]}" \
    | docker build "${no_cache[@]}" "${build_args[@]}" -t "$ASPNET_TAG" - >"$CACHE_DIR/build-aspnet.log" 2>&1 \
    || { tail -n 30 "$CACHE_DIR/build-aspnet.log" >&2; die "docker build of $ASPNET_TAG failed (log: $CACHE_DIR/build-aspnet.log)"; }
  rm -rf "$ctx"
  log "built $ASPNET_TAG ($((SECONDS - t0)) s)"
}

build_sdk() {
  local ctx t0=$SECONDS
  ctx="$(mktemp -d /var/tmp/dashboard-ctx.XXXXXX)"
  cat >"$ctx/Dockerfile" <<EOF
FROM ${ASPNET_TAG}
ENV DOTNET_GENERATE_ASPNET_CERTIFICATE=false \\
    DOTNET_NOLOGO=true \\
    DOTNET_SDK_VERSION=${SDK_VERSION} \\
    DOTNET_USE_POLLING_FILE_WATCHER=true \\
    NUGET_XMLDOC_MODE=skip
RUN apt-get update \\
    && apt-get install -y --no-install-recommends curl git libatomic1 wget \\
    && rm -rf /var/lib/apt/lists/*
COPY sdk/ /usr/share/dotnet/
# Stand-in only (not in the real image): these machines reach NuGet but not
# the certificate revocation servers, and an online revocation check adds
# ~16 s to every restore that downloads signed packages. Same as the host.
ENV NUGET_CERT_REVOCATION_MODE=${NUGET_REVOCATION_MODE}
# Trigger the first run experience, as the real image does.
RUN dotnet help >/dev/null
LABEL ${LABEL_KEY}="${FINGERPRINT}"
EOF
  local members=("./sdk/$SDK_VERSION" ./sdk-manifests ./packs ./templates)
  [[ -f $DOTNET_DIR/dnx ]] && members+=(./dnx)
  tar -cf - -C "$ctx" Dockerfile \
      -C "$DOTNET_DIR" --transform "$(ctx_transform '' 'sdk/')" "${members[@]}" \
    | docker build "${no_cache[@]}" "${build_args[@]}" -t "$SDK_TAG" - >"$CACHE_DIR/build-sdk.log" 2>&1 \
    || { tail -n 30 "$CACHE_DIR/build-sdk.log" >&2; die "docker build of $SDK_TAG failed (log: $CACHE_DIR/build-sdk.log)"; }
  rm -rf "$ctx"
  log "built $SDK_TAG ($((SECONDS - t0)) s)"
}

# Redis, nginx and PostgreSQL from Debian's packages, FROM runtime-deps. The context is the
# recipe folder plus the host's CA bundle (as for aspnet: apt inside the build
# trusts what the host trusts).
build_service() { # $1: tag
  local tag="$1" recipe="${SERVICE_IMAGES[$1]}" ctx t0=$SECONDS
  ctx="$(mktemp -d /var/tmp/dashboard-ctx.XXXXXX)"
  mkdir -p "$ctx/ca"
  cp /etc/ssl/certs/ca-certificates.crt "$ctx/ca/ca-certificates.crt"
  tar -cf - -C "$HERE/service-images/$recipe" . -C "$ctx" ca \
    | docker build "${no_cache[@]}" "${build_args[@]}" --build-arg "BASE=${BASE_TAG}" \
        --label "${LABEL_KEY}=$(service_fingerprint "$recipe")" -t "$tag" - >"$CACHE_DIR/build-$recipe.log" 2>&1 \
    || { tail -n 30 "$CACHE_DIR/build-$recipe.log" >&2; die "docker build of $tag failed (log: $CACHE_DIR/build-$recipe.log)"; }
  rm -rf "$ctx"
  log "built $tag ($((SECONDS - t0)) s)"
}

# The sdk image is built FROM the aspnet tag, so a rebuilt aspnet means a
# rebuilt sdk. A foreign (pulled) image is replaced only with --force.
if ((force)) || [[ $aspnet_state =~ ^(missing|stale)$ ]]; then
  build_aspnet
  aspnet_state=rebuilt
fi
if ((force)) || [[ $aspnet_state == rebuilt || $sdk_state =~ ^(missing|stale)$ ]]; then
  build_sdk
fi
for tag in "${services_needed[@]}"; do
  build_service "$tag"
done

# Drop the untagged images that rebuilds leave behind (ours only).
docker image prune -f --filter "label=${LABEL_KEY}" >/dev/null 2>&1 || true
docker image prune -f --filter "label=${LABEL_KEY}.rootfs" >/dev/null 2>&1 || true

shown="${ASPNET_TAG}|${SDK_TAG}|${BASE_TAG}"
for tag in "${!SERVICE_IMAGES[@]}"; do shown+="|${tag}"; done
docker image ls --format '{{.Repository}}:{{.Tag}}  {{.ID}}  {{.Size}}' \
  | grep -E "^(${shown})  " >&2 || true
