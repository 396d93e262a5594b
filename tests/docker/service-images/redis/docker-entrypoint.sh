#!/bin/sh
# Stand-in for the real redis image's entry point: `redis-server …` (or just options) runs Redis with protected
# mode off, which the real image builds in (the container network is the boundary; Debian's default is on), as
# the user redis when started as root. Anything else runs as it is.
set -e

case "$1" in
  -*|*.conf) set -- redis-server "$@" ;;
esac

if [ "$1" = redis-server ]; then
  shift
  # A configuration file must come first; options after it override it, and the caller's override this default.
  if [ -n "${1:-}" ] && [ "${1#-}" = "$1" ]; then
    conf="$1"
    shift
    set -- redis-server "$conf" --protected-mode no "$@"
  else
    set -- redis-server --protected-mode no "$@"
  fi
  if [ "$(id -u)" = 0 ]; then
    find . \! -user redis -exec chown redis '{}' +
    exec setpriv --reuid=redis --regid=redis --init-groups "$@"
  fi
fi

exec "$@"
