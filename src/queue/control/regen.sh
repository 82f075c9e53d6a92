#!/bin/sh
# Regenerate control.ts from control.proto. protons 9 emits code for protons-runtime 7 (Codec<T>);
# the installed runtime is 8 (Codec<Decoded, Encoded>), so the type argument is widened to
# <T, Partial<T>> (same adaptation as src/queue/state/regen.sh). Runtime behaviour is unchanged.
set -e
cd "$(dirname "$0")"
../../../node_modules/.bin/protons control.proto
sed -i -E '/^import type \{ Uint8ArrayList \}/d; s/buf: Uint8Array \| Uint8ArrayList/buf: Uint8Array/g; s/Codec<([A-Za-z]+)>/Codec<\1, Partial<\1>>/g; s/message<([A-Za-z]+)>\(/message<\1, Partial<\1>>(/g' control.ts
sed -i '1i // Generated from control.proto by ./regen.sh (protons 9, adapted to protons-runtime 8). Do not edit.' control.ts
