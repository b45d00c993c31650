#!/usr/bin/env bash
# Refreshes the SageMaker rows of the price catalogue (MlopsCdktf.Library/Cost/prices.tsv) from the AWS Price List bulk
# API, for the regions given (default: the AWS regions the catalogue already prices). Needs network; no credentials.
#   scripts/refresh-prices.sh [region ...]
# Then review `git diff MlopsCdktf.Library/Cost/prices.tsv` and commit. GCP rows stay as they are (docs/cost.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
catalogue="$root/MlopsCdktf.Library/Cost/prices.tsv"
if [[ $# -gt 0 ]]; then
  regions=("$@")
else
  mapfile -t regions < <(awk -F'\t' '$1 ~ /^sagemaker-(hosting|notebook)$/ { print $2 }' "$catalogue" | sort -u)
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
offers=()
for region in "${regions[@]}"; do
  [[ $region =~ ^[a-z]{2}(-[a-z]+)+-[0-9]$ ]] || { echo "refresh-prices: '$region' is not an AWS region" >&2; exit 2; }
  curl -fsSL "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonSageMaker/current/$region/index.json" -o "$work/$region.json"
  offers+=("$work/$region.json")
done
"$root/scripts/run-app.sh" refresh-prices "$catalogue" "${offers[@]}"
