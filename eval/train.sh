#!/usr/bin/env bash
# Rebuilds the shipped model (src/CalmDesk.Analysis/Learning/model.bin.gz) from the corpus's train split
# (eval/corpus) and the training parts of shared/data. Checks the corpus first (format, split, near-duplicates).
# Deterministic: running it twice gives an identical file.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${CALMDESK_SHARED_DATA:-../shared/data}"
dotnet run --project tools/CalmDesk.Evaluation -c Release -- corpus check eval
dotnet run --project tools/CalmDesk.Evaluation -c Release --no-build -- train "$data" eval src/CalmDesk.Analysis/Learning/model.bin.gz
