#!/bin/sh
# Regenerate queue-state.ts from queue-state.proto. protons 9 emits code for protons-runtime 7
# (Codec<T>); the installed runtime is 8 (Codec<Decoded, Encoded>), so the single type argument is
# widened to <T, Partial<T>>. Runtime behaviour is unchanged (the round-trip tests cover it).
set -e
cd "$(dirname "$0")"
../../../node_modules/.bin/protons queue-state.proto
# The Uint8ArrayList input is dropped too: two copies of uint8arraylist are installed and their types clash.
sed -i -E '/^import type \{ Uint8ArrayList \}/d; s/buf: Uint8Array \| Uint8ArrayList/buf: Uint8Array/g; s/Codec<([A-Za-z]+)>/Codec<\1, Partial<\1>>/g; s/message<([A-Za-z]+)>\(/message<\1, Partial<\1>>(/g' queue-state.ts
sed -i '1i // Generated from queue-state.proto by ./regen.sh (protons 9, adapted to protons-runtime 8). Do not edit.' queue-state.ts
