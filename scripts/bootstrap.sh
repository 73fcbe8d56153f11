#!/usr/bin/env bash
# Makes sure this machine can build and run Recsys.Orleans: the .NET 10 SDK, from Debian packages when it is
# missing, and Azurite (npm) for the cluster. The learned model needs nothing more: its libtorch comes with the
# TorchSharp-cpu NuGet package (build/LibTorchSharp.targets adapts it to Debian 12's libstdc++).
# Safe to run again; does nothing when everything is present.
set -euo pipefail

need_sdk_major=10

sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
apt_updated=""

apt_install() {
  if [ -z "$apt_updated" ]; then
    $sudo_cmd apt-get update -qq || true
    apt_updated=1
  fi
  $sudo_cmd apt-get install -y -qq "$@" >/dev/null 2>&1 || true
}

have_sdk() {
  command -v dotnet >/dev/null 2>&1 && dotnet --list-sdks 2>/dev/null | grep -q "^${need_sdk_major}\."
}

if ! have_sdk; then
  echo "recsys: the .NET ${need_sdk_major} SDK is missing; installing it from Debian packages..." >&2
  if command -v apt-get >/dev/null 2>&1; then
    apt_install "dotnet-sdk-${need_sdk_major}.0"
  fi
  if ! have_sdk; then
    echo "recsys: could not install the .NET ${need_sdk_major} SDK automatically." >&2
    echo "        Install it (https://learn.microsoft.com/dotnet/core/install/linux-debian) and run the command again." >&2
    exit 1
  fi
fi

# Azurite (npm) for the cluster: `recsys cluster up` and the cluster tests. Not fatal: without it those tests
# skip with the reason, and everything else works.
if ! "$(dirname "${BASH_SOURCE[0]}")/install-azurite.sh"; then
  echo "recsys: Azurite could not be installed; the cluster commands and tests need it (scripts/install-azurite.sh)." >&2
fi
