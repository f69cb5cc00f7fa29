#!/usr/bin/env bash
# ensure-debian-package.sh <command> <package> <what it is for>
# A tool some tests need from Debian (chromium for the dashboard's browser test, prometheus for the
# metric analysis tests, docker-compose to validate docker-compose.yml): installed when the command
# is missing, as root with apt-get; otherwise says what is missing and leaves the choice to the
# caller. Tests start their own servers; a package's system service is not used.
set -euo pipefail
command=$1 package=$2 purpose=$3
command -v "$command" >/dev/null && exit 0
if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
  echo "installing $package (for $purpose)" >&2
  if (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$package") >/dev/null 2>&1; then
    exit 0
  fi
fi
echo "$package is missing and could not be installed (needs root and apt-get): $purpose will fail" >&2
exit 1
