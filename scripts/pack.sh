#!/usr/bin/env bash
# make pack: the construct library's NuGet package (.nupkg) and symbols package (.snupkg) into a folder
# (default artifacts/packages/). A CI build (deterministic paths in the PDB, Source Link to the commit) with the zip
# entries stamped with the commit's time, so one commit always packs byte-identical files.
#   scripts/pack.sh [output folder]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out=$(realpath -m "${1:-$root/artifacts/packages}")
stamp=$(git -C "$root" log -1 --format=%ct 2>/dev/null || echo 315532800) # 1980-01-01, the zip format's first day
dotnet pack "$root/MlopsCdktf.Library/MlopsCdktf.Library.csproj" -c Release -o "$out" --nologo --verbosity quiet \
  -p:ContinuousIntegrationBuild=true -p:DeterministicTimestamp="$stamp" >&2
ls "$out"/MlopsCdktf.Library.*.nupkg "$out"/MlopsCdktf.Library.*.snupkg
