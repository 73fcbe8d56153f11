#!/usr/bin/env bash
# Makes sure this machine can build and run Recsys.Orleans: the .NET 10 SDK; libtorch with OpenBLAS, cmake
# and g++ for the learned model's native shim (Model/native), from Debian packages when they are missing; and
# Azurite (npm) for the cluster.
# Safe to run again; does nothing when everything is present.
set -euo pipefail

need_sdk_major=10
# OpenBLAS: libtorch-dev alone leaves the reference BLAS in place, whose matmul is ~16x slower.
torch_packages=(libtorch-dev libopenblas0-pthread cmake g++)

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

missing_torch_packages() {
  local package
  for package in "${torch_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || echo "$package"
  done
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

# Not fatal: without libtorch the build skips the shim and the Torch tests skip. RECSYS_TORCH_ROOT names
# another libtorch (a PyTorch CUDA install), so Debian's is not needed then.
if [ -z "${RECSYS_TORCH_ROOT:-}" ] && command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  mapfile -t missing < <(missing_torch_packages)
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "recsys: installing ${missing[*]} for the learned model (libtorch)..." >&2
    apt_install "${missing[@]}"
    mapfile -t missing < <(missing_torch_packages)
    if [ "${#missing[@]}" -gt 0 ]; then
      echo "recsys: could not install ${missing[*]}; the learned model's features and tests will be skipped." >&2
      echo "        Install them with: sudo apt-get install -y ${torch_packages[*]}" >&2
    fi
  fi
fi

# Azurite (npm) for the cluster: `recsys cluster up` and the cluster tests. Not fatal: without it those tests
# skip with the reason, and everything else works.
if ! "$(dirname "${BASH_SOURCE[0]}")/install-azurite.sh"; then
  echo "recsys: Azurite could not be installed; the cluster commands and tests need it (scripts/install-azurite.sh)." >&2
fi
