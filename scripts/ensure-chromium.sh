#!/usr/bin/env bash
# Debian's Chromium for the dashboard's browser test (puppeteer-core drives it by its path; no
# browser is downloaded by npm). Installs it when missing, as root with apt-get, the way test.sh
# installs docker-compose; otherwise says what is missing and leaves the choice to the caller.
set -euo pipefail
command -v chromium >/dev/null && exit 0
if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
  echo "installing chromium (for the dashboard's browser test)" >&2
  if (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium) >/dev/null 2>&1; then
    exit 0
  fi
fi
echo "chromium is missing and could not be installed (needs root and apt-get): the dashboard's browser test will fail" >&2
exit 1
