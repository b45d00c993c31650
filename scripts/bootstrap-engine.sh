#!/usr/bin/env bash
# Makes the CDKTF engine packages restorable by NuGet.
#
# The engine (Constructs, HashiCorp.Cdktf and the three prebuilt providers) is published on npm as jsii sources and
# on nuget.org as .NET packages. Where the configured NuGet sources cannot serve the .NET packages, this script builds
# them once from the npm sources with ONE jsii-pacmak call (the providers must be built together with HashiCorp.Cdktf)
# into the git-ignored local feed that nuget.config lists. Idempotent: when the NuGet cache, the local feed or the
# configured sources already have them, it returns in seconds.
#
# Versions come from package.json (npm versions equal NuGet versions); Directory.Build.props must agree (checked).
set -euo pipefail
cd "$(dirname "$0")/.."

FEED=.engine/feed
mkdir -p "$FEED"
NUGET_CACHE=${NUGET_PACKAGES:-$HOME/.nuget/packages}

# npm package -> NuGet id -> Directory.Build.props property
ENGINE=(
  "constructs Constructs ConstructsVersion"
  "cdktf HashiCorp.Cdktf CdktfVersion"
  "@cdktf/provider-aws HashiCorp.Cdktf.Providers.Aws AwsProviderBindingVersion"
  "@cdktf/provider-google HashiCorp.Cdktf.Providers.Google GoogleProviderBindingVersion"
  "@cdktf/provider-kubernetes HashiCorp.Cdktf.Providers.Kubernetes KubernetesProviderBindingVersion"
  "@cdktf/provider-helm HashiCorp.Cdktf.Providers.Helm HelmProviderBindingVersion"
)

npm_version() { sed -n "s#^ *\"$1\": *\"\\([^\"]*\\)\".*#\\1#p" package.json | head -n1; }
props_version() { sed -n "s#.*<$1>\\([^<]*\\)</$1>.*#\\1#p" Directory.Build.props | head -n1; }

missing=()
for entry in "${ENGINE[@]}"; do
  read -r npm_name nuget_id prop <<<"$entry"
  version=$(npm_version "$npm_name")
  pinned=$(props_version "$prop")
  if [[ -z "$version" || "$version" != "$pinned" ]]; then
    echo "engine: package.json pins $npm_name@${version:-?} but Directory.Build.props has $prop=${pinned:-?}; make them agree." >&2
    exit 2
  fi
  lower=$(echo "$nuget_id" | tr '[:upper:]' '[:lower:]')
  if [[ -f "$NUGET_CACHE/$lower/$version/$lower.$version.nupkg" || -f "$FEED/$nuget_id.$version.nupkg" ]]; then
    continue
  fi
  missing+=("$npm_name@$version ($nuget_id)")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "engine: all engine packages present (NuGet cache or $FEED); nothing to build."
  exit 0
fi

echo "engine: not in the NuGet cache or local feed: ${missing[*]}"
echo "engine: trying the configured NuGet sources first..."
if dotnet restore MlopsCdktf/MlopsCdktf.csproj --verbosity quiet >/dev/null 2>&1; then
  echo "engine: restored from the configured NuGet sources."
  exit 0
fi

echo "engine: building the .NET packages from their npm jsii sources with jsii-pacmak (one call, ~10 min, ~10 GB RAM)..."
if [[ ! -x node_modules/.bin/jsii-pacmak ]]; then
  echo "engine: node_modules is missing; run 'make tools' (npm ci) first." >&2
  exit 2
fi
work=.engine/pacmak
rm -rf "$work"
dirs=()
for entry in "${ENGINE[@]}"; do
  read -r npm_name _ _ <<<"$entry"
  dirs+=("node_modules/$npm_name")
done
start=$(date +%s)
node_modules/.bin/jsii-pacmak --targets dotnet --outdir "$work" "${dirs[@]}"
find "$work" -name '*.nupkg' -exec cp {} "$FEED/" \;
rm -rf "$work"
echo "engine: built $(find "$FEED" -maxdepth 1 -name '*.nupkg' | wc -l) packages into $FEED in $(( $(date +%s) - start ))s."
