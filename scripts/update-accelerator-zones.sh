#!/usr/bin/env bash
# Regenerates the accelerator catalogue (MlopsCdktf.Library/Gcp/accelerator-zones.tsv): which accelerator types each
# Compute Engine zone offers, read at synth time by the GPU x zone check (GpuNodePool.NodeLocations, EnvironmentRules
# Gcp.Zone). Input is what gcloud prints, from a file or stdin:
#
#   gcloud compute accelerator-types list --format=json > accelerator-types.json
#   scripts/update-accelerator-zones.sh accelerator-types.json
#
# or CSV with the zone and the type name: gcloud compute accelerator-types list --format="csv(zone.basename(),name)".
# gcloud lists what the project can use; run it against a project of the organisation (quotas aside, all projects see
# the same zones). Deprecated types (deprecated.state OBSOLETE or DELETED) are left out.
#
# Usage: scripts/update-accelerator-zones.sh [INPUT|-] [-o OUTPUT|-]
#   INPUT   default: stdin
#   OUTPUT  default: MlopsCdktf.Library/Gcp/accelerator-zones.tsv next to this script; "-" writes to stdout
#   ACCELERATOR_ZONES_DATE=YYYY-MM-DD overrides the date written in the header (default: today, UTC)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
input="-"
output="$here/../MlopsCdktf.Library/Gcp/accelerator-zones.tsv"

while [ $# -gt 0 ]; do
  case "$1" in
    -o) [ $# -ge 2 ] || { echo "update-accelerator-zones: -o needs a file name" >&2; exit 2; }; output="$2"; shift 2 ;;
    -h | --help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) [ "$1" = "-" ] && { input="-"; shift; continue; }; echo "update-accelerator-zones: unknown option $1" >&2; exit 2 ;;
    *) input="$1"; shift ;;
  esac
done

if [ "$input" = "-" ]; then
  raw="$(cat)"
else
  [ -r "$input" ] || { echo "update-accelerator-zones: cannot read $input" >&2; exit 2; }
  raw="$(cat -- "$input")"
fi

# Prints "zone<TAB>type" lines from gcloud's JSON (zone is a URL there) or CSV (header line, then zone,name).
extract() {
  local first
  first="$(printf '%s' "$raw" | tr -d ' \t\r\n' | cut -c1)"
  if [ "$first" = "[" ] || [ "$first" = "{" ]; then
    command -v jq >/dev/null 2>&1 || { echo "update-accelerator-zones: jq is needed to read JSON input" >&2; exit 2; }
    printf '%s' "$raw" | jq -r '
      (if type == "array" then .[] else . end)
      | select(((.deprecated.state // "") | IN("OBSOLETE", "DELETED")) | not)
      | [(.zone | split("/") | last), .name] | @tsv'
  else
    printf '%s\n' "$raw" | tr -d '\r' | awk -F, '
      NR == 1 && tolower($0) ~ /zone/ && tolower($0) ~ /name/ {
        for (i = 1; i <= NF; i++) { h = tolower($i); if (h ~ /zone/) z = i; else if (h ~ /name/) n = i }
        next
      }
      NF >= 2 { zi = z ? z : 1; ni = n ? n : 2; zone = $zi; sub(/.*\//, "", zone); print zone "\t" $ni }'
  fi
}

rows="$(extract | awk -F'\t' '$1 != "" && $2 != "" { print $1 "\t" $2 "\tlisted" }' | LC_ALL=C sort -u)"
if [ -z "$rows" ]; then
  echo "update-accelerator-zones: no accelerator types found in the input; expected gcloud compute accelerator-types list --format=json output" >&2
  exit 1
fi

regions="$(printf '%s\n' "$rows" | cut -f1 | sed -E 's/-[a-z0-9]+$//' | LC_ALL=C sort -u | tr '\n' ' ' | sed 's/ $//')"
date="${ACCELERATOR_ZONES_DATE:-$(date -u +%Y-%m-%d)}"

write() {
  printf '# Accelerator types offered per Compute Engine zone, for the GPU x zone check at synth time (GpuNodePool\n'
  printf "# NodeLocations, EnvironmentRules Gcp.Zone). Regenerate with scripts/update-accelerator-zones.sh. GpuNodePool does not\n"
  printf "# check zones of regions missing under \"regions\"; an environment whose Gcp.Region is missing is rejected.\n"
  printf '# source: gcloud compute accelerator-types list --format=json\n'
  printf '# date: %s\n' "$date"
  printf '# regions: %s\n' "$regions"
  printf '# status: listed (the source offers the type in the zone) | uncertain (listed, but another source disagrees)\n'
  printf 'zone\taccelerator\tstatus\n'
  printf '%s\n' "$rows"
}

if [ "$output" = "-" ]; then
  write
else
  tmp="$(mktemp "${output}.XXXXXX")"
  write > "$tmp"
  mv -- "$tmp" "$output"
  echo "update-accelerator-zones: wrote $(printf '%s\n' "$rows" | wc -l | tr -d ' ') rows for $(printf '%s' "$regions" | wc -w | tr -d ' ') regions to $output" >&2
fi
