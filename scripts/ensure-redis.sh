#!/usr/bin/env bash
# Makes sure Debian's redis-server is installed for the replica tests (test/replication), which
# start their own redis-server on a free port; they fail, not skip, when it is missing.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then
  echo "redis-server: $(redis-server --version)"
  exit 0
fi
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
  echo "redis-server is missing and this user cannot install it; run: apt-get install -y redis-server" >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# Only the binaries: the tests start their own server, so the package's service is not needed.
$SUDO apt-get install -y -qq --no-install-recommends redis-server >/dev/null
echo "redis-server: $(redis-server --version)"
