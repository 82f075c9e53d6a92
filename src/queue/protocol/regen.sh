#!/bin/sh
# Regenerate queue-protocol.ts from queue-protocol.proto (same adaptation as src/queue/state/regen.sh:
# protons 9 emits code for protons-runtime 7; the installed runtime is 8).
set -e
cd "$(dirname "$0")"
../../../node_modules/.bin/protons queue-protocol.proto
sed -i -E '/^import type \{ Uint8ArrayList \}/d; s/buf: Uint8Array \| Uint8ArrayList/buf: Uint8Array/g; s/Codec<([A-Za-z]+)>/Codec<\1, Partial<\1>>/g; s/message<([A-Za-z]+)>\(/message<\1, Partial<\1>>(/g' queue-protocol.ts
sed -i '1i // Generated from queue-protocol.proto by ./regen.sh (protons 9, adapted to protons-runtime 8). Do not edit.' queue-protocol.ts
