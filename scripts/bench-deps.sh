#!/usr/bin/env bash
# Install what `make bench` needs from the OS beyond `make test`: wrk, the HTTP load generator
# the page benchmark drives gunicorn with. Idempotent.
set -euo pipefail
command -v wrk >/dev/null 2>&1 && exit 0
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
echo "Installing system packages: wrk"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends wrk
