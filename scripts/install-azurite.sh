#!/usr/bin/env bash
# Installs Azurite (the Azure Storage emulator, npm package azurite) into .recsys/tools/azurite, where
# `recsys cluster up` and the cluster tests look for it. Node.js and npm come from Debian packages when
# missing. Safe to run again; does nothing when the pinned version is present.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="3.37.0"
prefix="$root/.recsys/tools/azurite"
bin="$prefix/node_modules/.bin/azurite"

if [ -x "$bin" ] && grep -q "\"version\": \"$version\"" "$prefix/node_modules/azurite/package.json" 2>/dev/null; then
  exit 0
fi

sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
if ! command -v npm >/dev/null 2>&1; then
  echo "recsys: installing Node.js and npm for Azurite..." >&2
  $sudo_cmd apt-get update -qq || true
  $sudo_cmd apt-get install -y -qq nodejs npm >/dev/null 2>&1 || true
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "recsys: npm is missing and could not be installed; install Node.js 18+ and npm, then run scripts/install-azurite.sh." >&2
  exit 1
fi

echo "recsys: installing Azurite $version into .recsys/tools/azurite..." >&2
mkdir -p "$prefix"
npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "azurite@$version" >&2
test -x "$bin"
