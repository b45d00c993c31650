#!/usr/bin/env bash
# The CDKTF app command (cdktf.json "app", so `cdktf synth` and `make synth`): runs the Release build of MlopsCdktf,
# building it first only when it is missing or older than one of its sources. `dotnet run --project MlopsCdktf` asked
# MSBuild on every synth, about 2 s even when nothing had changed. Sources: every file under MlopsCdktf/,
# MlopsCdktf.Library/ and MlopsCdktf.Runtime/ (bin and obj excluded) and the repository's Directory.Build.props, global.json and nuget.config.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dll="$root/MlopsCdktf/bin/Release/net10.0/MlopsCdktf.dll"

stale() {
  [[ ! -f $dll ]] ||
    [[ -n $(find "$root/MlopsCdktf" "$root/MlopsCdktf.Library" "$root/MlopsCdktf.Runtime" \( -name bin -o -name obj \) -prune -o -type f -newer "$dll" -print -quit) ]] ||
    [[ -n $(find "$root/Directory.Build.props" "$root/global.json" "$root/nuget.config" -newer "$dll" -print -quit) ]]
}

if stale; then
  dotnet build "$root/MlopsCdktf/MlopsCdktf.csproj" -c Release --nologo --verbosity quiet >&2
  touch "$dll" # MSBuild may leave an unchanged output untouched; without this every synth would build again
fi
exec dotnet "$dll" "$@"
