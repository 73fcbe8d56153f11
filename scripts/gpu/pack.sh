#!/usr/bin/env bash
# Packs what a GPU host with PyTorch but without .NET or network needs to train and evaluate the recommender
# there (scripts/gpu/run.sh): the .NET runtime of this machine, the recsys tool published here without libtorch
# (the host's PyTorch provides it), and the Online Retail by-day CSVs. Writes .gpu/ (ignored by git): carry it
# to the host with the working tree.
#
#   scripts/gpu/pack.sh [DATA_DIR]      # default: ../shared/data/online-retail/by-day
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
data="$(cd "${1:-$root/../shared/data/online-retail/by-day}" && pwd)"
out="$root/.gpu"

"$root/scripts/bootstrap.sh"
dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
for part in host shared/Microsoft.NETCore.App shared/Microsoft.AspNetCore.App dotnet; do
  [ -e "$dotnet_root/$part" ] || { echo "gpu/pack: $dotnet_root/$part is missing: not a .NET install" >&2; exit 1; }
done
ls "$data"/*.csv >/dev/null 2>&1 || { echo "gpu/pack: no CSV files in $data" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out"
echo "gpu/pack: publishing recsys (Release)..." >&2
publish="$(mktemp -d)"
trap 'rm -rf "$publish"' EXIT
dotnet publish "$root/Cli/Recsys.Cli.csproj" -c Release -o "$publish/recsys" --nologo > "$out/publish.log" 2>&1 \
  || { tail -20 "$out/publish.log" >&2; echo "gpu/pack: publish failed (log: $out/publish.log)" >&2; exit 1; }
# TorchSharp-cpu's libtorch has no CUDA: run.sh has TorchSharp load the host's PyTorch libtorch instead, so of the
# native libraries only TorchSharp's own (libLibTorchSharp.so) goes. Other platforms' libraries and the demo's
# sample are not needed there either (and the CPU libtorch, 0.5 GB, would not fit the carry limit).
find "$publish/recsys/runtimes" -mindepth 1 -maxdepth 1 ! -name linux-x64 -exec rm -rf {} +
find "$publish/recsys/runtimes/linux-x64/native" -type f ! -name libLibTorchSharp.so -delete
rm -rf "$publish/recsys/data/sample"

echo "gpu/pack: compressing the .NET runtime, recsys and the data..." >&2
tar -C "$dotnet_root" -cf - host shared/Microsoft.NETCore.App shared/Microsoft.AspNetCore.App dotnet \
  | xz -T2 -6 > "$out/dotnet.tar.xz"
tar -C "$publish" -cf - recsys | xz -T2 -6 > "$out/recsys.tar.xz"
tar -C "$(dirname "$data")" -cf - "$(basename "$data")" | xz -T2 -6 > "$out/online-retail.tar.xz"
echo "$(basename "$data")" > "$out/data-folder.txt"
du -ch "$out"/*.tar.xz | sed 's/^/gpu\/pack: /' >&2
