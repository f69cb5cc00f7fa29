#!/usr/bin/env bash
# Debian's Prometheus for the metric analysis tests (test/support/prometheus.ts starts its own
# server on a free port with a generated config; the package's system service is not used).
# Installs it when missing, as root with apt-get, as ensure-chromium.sh installs Chromium;
# otherwise says what is missing and leaves the choice to the caller.
set -euo pipefail
command -v prometheus >/dev/null && exit 0
if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
  echo "installing prometheus (for the metric analysis tests)" >&2
  if (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus) >/dev/null 2>&1; then
    exit 0
  fi
fi
echo "prometheus is missing and could not be installed (needs root and apt-get): the metric analysis tests will fail" >&2
exit 1
