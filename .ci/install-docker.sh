#!/usr/bin/env bash
# Make a Docker engine answer on this machine, for CI and for container tests.
#
#   bash .ci/install-docker.sh
#
# Idempotent, meant to run as root on a Debian 12 machine (CI's and the
# developers' machines are that):
#   * installs Debian's `docker.io` (engine 20.10) and `docker-compose` (1.29)
#     when they are missing; `apt-get update` runs only when an install is needed;
#   * starts `dockerd` in the background when no engine answers, logging to
#     $DOCKERD_LOG (default /var/log/dockerd.log), and waits up to
#     $DOCKERD_WAIT seconds (default 60) for `docker info`;
#   * prints the engine's version. When an engine already answers it does
#     nothing else, so it is cheap to call at the start of every CI run.
#
# If DOCKER_HOST points somewhere other than the local socket, the script only
# checks that that engine answers: it never starts a daemon for it.
#
# What dockerd needs on these machines (found on a Firecracker VM with a
# 6.18 kernel, Debian 12 user land, no systemd as PID 1, `nomodule` kernel):
#   * storage: / is ext4 and the kernel has overlayfs built in, so the default
#     `overlay2` driver works; dockerd picks it by itself. The script still
#     probes an overlay mount first and falls back to `fuse-overlayfs` (when
#     /dev/fuse exists) and then `vfs` (slow, copies every layer), so a machine
#     without overlayfs still gets a working, if slower, engine.
#     DOCKER_STORAGE_DRIVER=<name> forces a driver.
#   * iptables: Debian 12's `iptables` is the nf_tables flavour, and the kernel
#     has nf_tables built in, so dockerd's NAT and bridge rules (outbound traffic
#     from containers, `-p 127.0.0.1:8080:8080`) work as shipped. Should the nft
#     flavour fail, the script switches the alternatives to iptables-legacy.
#   * cgroups: the machine mounts cgroup v1 controllers (with a v2 `unified`
#     hierarchy beside them); engine 20.10 uses them with the cgroupfs driver
#     and needs nothing else. No systemd, so no `systemctl start docker`.
#   * ip_forward starts at 0; dockerd turns it on itself.
#   * the engine speaks Docker API 1.41. Newer clients (the docker CLI under
#     /usr/local/bin, Docker.DotNet in Testcontainers 4) either negotiate down
#     or must be told: export DOCKER_API_VERSION=1.41 for the latter.
set -euo pipefail

DOCKERD_LOG="${DOCKERD_LOG:-/var/log/dockerd.log}"
DOCKERD_WAIT="${DOCKERD_WAIT:-60}"
export DEBIAN_FRONTEND=noninteractive

log() { printf 'install-docker: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

engine_answers() { timeout 10 docker info >/dev/null 2>&1; }

print_version() {
  local server client
  server="$(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})' 2>/dev/null || echo '?')"
  client="$(docker version --format '{{.Client.Version}}' 2>/dev/null || echo '?')"
  printf 'install-docker: engine %s, storage driver %s, client %s\n' "$server" \
    "$(docker info --format '{{.Driver}}' 2>/dev/null || echo '?')" "$client"
  if command -v docker-compose >/dev/null 2>&1; then
    # dpkg-query first: `docker-compose version` costs half a second of Python start-up.
    printf 'install-docker: docker-compose %s\n' \
      "$(dpkg-query -W -f '${Version}' docker-compose 2>/dev/null || docker-compose version --short 2>/dev/null || echo '?')"
  fi
}

# One caller at a time (a quick no-op for the second one, once the first is done).
if [[ $EUID -eq 0 ]]; then
  exec 9>/var/lock/install-docker.lock
  flock 9
fi

# --- 1. packages -------------------------------------------------------------
missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
# The docker CLI may already be installed on its own (it is, under
# /usr/local/bin, on these machines); docker.io brings /usr/bin/docker too.
command -v docker >/dev/null 2>&1 || missing+=(docker.io)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)

if ((${#missing[@]})); then
  [[ $EUID -eq 0 ]] || die "need root to install: ${missing[*]}"
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  log "installing ${missing[*]}"
  # Only update the lists when apt cannot see the packages yet (a fresh
  # machine has no lists at all).
  if ! apt-cache show "${missing[@]}" >/dev/null 2>&1; then
    apt-get update -qq
  fi
  # --no-install-recommends: skips apparmor, needrestart and friends, which do
  # nothing useful here.
  # A second try after `apt-get update` covers stale lists (404 on a file
  # that has since been replaced in the archive).
  if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/tmp/install-docker.apt.log 2>&1; then
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/tmp/install-docker.apt.log 2>&1 \
      || { tail -n 30 /tmp/install-docker.apt.log >&2; die "apt-get install failed"; }
  fi
fi
command -v docker >/dev/null 2>&1 || die "no docker client after install"

# --- 2. an engine that answers ---------------------------------------------------
if engine_answers; then
  print_version
  exit 0
fi

if [[ -n "${DOCKER_HOST:-}" && "${DOCKER_HOST}" != "unix:///var/run/docker.sock" ]]; then
  die "DOCKER_HOST=${DOCKER_HOST} does not answer; not starting a local daemon for it"
fi
[[ $EUID -eq 0 ]] || die "no engine answers and starting dockerd needs root"

# A dockerd of ours may still be starting (a second caller racing the first):
# give it the same wait instead of starting another one.
if pgrep -x dockerd >/dev/null 2>&1; then
  log "dockerd is running but not answering yet; waiting"
else
  # Leftovers from a daemon that died (e.g. the machine was handed back after
  # its processes were ended) make the next dockerd refuse to start.
  for pidfile in /var/run/docker.pid /var/run/docker/containerd/containerd.pid; do
    if [[ -f $pidfile ]] && ! kill -0 "$(cat "$pidfile" 2>/dev/null)" 2>/dev/null; then
      rm -f "$pidfile"
    fi
  done
  rm -f /var/run/docker.sock

  args=()

  # Storage driver: respect daemon.json or DOCKER_STORAGE_DRIVER, else probe.
  if [[ -f /etc/docker/daemon.json ]] && grep -q '"storage-driver"' /etc/docker/daemon.json; then
    log "storage driver set in /etc/docker/daemon.json"
  else
    driver="${DOCKER_STORAGE_DRIVER:-}"
    if [[ -z $driver ]]; then
      probe="$(mktemp -d /var/tmp/overlay-probe.XXXXXX)"
      mkdir -p "$probe"/{l,u,w,m}
      if mount -t overlay overlay -o "lowerdir=$probe/l,upperdir=$probe/u,workdir=$probe/w" "$probe/m" 2>/dev/null; then
        umount "$probe/m"
        driver=overlay2
      elif [[ -e /dev/fuse ]]; then
        command -v fuse-overlayfs >/dev/null 2>&1 \
          || { apt-get update -qq && apt-get install -y -qq --no-install-recommends fuse-overlayfs >/dev/null; } \
          || true
        command -v fuse-overlayfs >/dev/null 2>&1 && driver=fuse-overlayfs || driver=vfs
      else
        driver=vfs
      fi
      rm -rf "$probe"
    fi
    [[ $driver == overlay2 ]] || log "WARNING: storage driver ${driver} (overlayfs unusable here): builds will be slower"
    args+=(--storage-driver "$driver")
  fi

  # iptables: dockerd fails hard ("failed to create NAT chain DOCKER") when
  # the configured flavour does not work; try the other one before giving up.
  if command -v iptables >/dev/null 2>&1 && ! iptables -t nat -L -n >/dev/null 2>&1; then
    if command -v iptables-legacy >/dev/null 2>&1 && iptables-legacy -t nat -L -n >/dev/null 2>&1; then
      log "iptables (nf_tables) unusable; switching to iptables-legacy"
      update-alternatives --set iptables /usr/sbin/iptables-legacy >/dev/null
      update-alternatives --set ip6tables /usr/sbin/ip6tables-legacy >/dev/null || true
    else
      log "WARNING: no working iptables; containers will have no outbound network"
      args+=(--iptables=false)
    fi
  fi

  mkdir -p "$(dirname "$DOCKERD_LOG")"
  log "starting dockerd ${args[*]:-} (log: ${DOCKERD_LOG})"
  # setsid + nohup: the daemon outlives this script and the shell that ran it.
  # 9>&-: the daemon must not inherit (and so hold forever) the lock above.
  setsid nohup dockerd "${args[@]}" >>"$DOCKERD_LOG" 2>&1 </dev/null 9>&- &
fi

deadline=$((SECONDS + DOCKERD_WAIT))
until engine_answers; do
  if ((SECONDS >= deadline)); then
    log "no engine answered within ${DOCKERD_WAIT}s; last lines of ${DOCKERD_LOG}:"
    tail -n 40 "$DOCKERD_LOG" >&2 || true
    exit 1
  fi
  if ! pgrep -x dockerd >/dev/null 2>&1; then
    log "dockerd exited; last lines of ${DOCKERD_LOG}:"
    tail -n 40 "$DOCKERD_LOG" >&2 || true
    exit 1
  fi
  sleep 1
done
print_version
