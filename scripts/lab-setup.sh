#!/bin/sh
# Installs what the partition lab needs (meshchan lab / npm run lab / test/lab): iproute2 (ip, tc)
# and nftables (nft). Debian/Ubuntu, as root. Safe to run again: apt skips what is installed.
set -eu
need=""
command -v ip >/dev/null 2>&1 && command -v tc >/dev/null 2>&1 || need="$need iproute2"
command -v nft >/dev/null 2>&1 || need="$need nftables"
if [ -z "$need" ]; then
  echo "lab-setup: ip, tc and nft are present"
else
  if [ "$(id -u)" != 0 ]; then echo "lab-setup: run as root to install:$need" >&2; exit 1; fi
  echo "lab-setup: installing$need"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need
fi
# Report what the kernel offers: netem is optional (delay/jitter are emulated without it).
probe="mcl-setup-$$"
if ip netns add "$probe" 2>/dev/null; then
  if ip netns exec "$probe" tc qdisc add dev lo root netem delay 1ms 2>/dev/null; then netem=yes; else netem="no (delay/jitter will be emulated with tbf)"; fi
  ip netns del "$probe"
  echo "lab-setup: network namespaces work; tc netem: $netem"
else
  echo "lab-setup: cannot create network namespaces here (need root / CAP_SYS_ADMIN); the lab will be skipped" >&2
fi
