#!/usr/bin/env bash
# Rebuilds the shipped models (src/CalmDesk.Analysis/Models/LANG.tsv) from the training split of shared/data and
# the hand-written messages marked "train". Deterministic: running it twice gives identical files.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${CALMDESK_SHARED_DATA:-../shared/data}"
dotnet run --project tools/CalmDesk.Evaluation -c Release -- train "$data" eval src/CalmDesk.Analysis/Models
