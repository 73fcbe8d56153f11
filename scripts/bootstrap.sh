#!/usr/bin/env bash
# Makes sure this machine can build and run Recsys.Orleans: the .NET 10 SDK (Debian packages when it is
# missing). Safe to run again; does nothing when everything is present.
set -euo pipefail

need_sdk_major=10

have_sdk() {
  command -v dotnet >/dev/null 2>&1 && dotnet --list-sdks 2>/dev/null | grep -q "^${need_sdk_major}\."
}

if have_sdk; then
  exit 0
fi

echo "recsys: the .NET ${need_sdk_major} SDK is missing; installing it from Debian packages..." >&2
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
if command -v apt-get >/dev/null 2>&1; then
  $sudo_cmd apt-get update -qq || true
  $sudo_cmd apt-get install -y -qq "dotnet-sdk-${need_sdk_major}.0" >/dev/null 2>&1 || true
fi
if ! have_sdk; then
  echo "recsys: could not install the .NET ${need_sdk_major} SDK automatically." >&2
  echo "        Install it (https://learn.microsoft.com/dotnet/core/install/linux-debian) and run the command again." >&2
  exit 1
fi
