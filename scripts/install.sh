#!/bin/sh
# The README's install command: the npm dependencies (with the pinned Node 24 runtime), then, on
# Linux as root, what the partition lab needs (iproute2, nftables). The lab part is best effort:
# without it the partition-lab test is skipped and says why; nothing else depends on it.
set -eu
cd "$(dirname "$0")/.."
npm ci
if [ "$(uname -s)" = Linux ] && [ "$(id -u)" = 0 ]; then
  sh scripts/lab-setup.sh || echo "install: lab setup failed; the partition-lab test will be skipped" >&2
else
  echo "install: not root on Linux; skipping the partition-lab setup (its test will be skipped)"
fi
