#!/usr/bin/env bash
# Makes sure Debian's redis-server and haproxy are installed for the replica tests (test/replication),
# which start their own redis-server and balancer on free ports; they fail, not skip, when one is missing.
set -euo pipefail
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
    echo "${missing[*]} missing and this user cannot install them; run: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  # Only the binaries matter: the tests start their own servers, not the packages' services.
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "redis-server: $(redis-server --version)"
echo "haproxy: $(haproxy -v | head -1)"
