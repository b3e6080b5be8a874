#!/usr/bin/env bash
# Rebuilds docs/analysis-quality.md: CalmDesk and both baselines on the same dev texts, in one run.
# Needs node and npm (for vader-sentiment) and the shared data folder beside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${CALMDESK_SHARED_DATA:-../shared/data}"
npm ci --prefix eval --no-audit --no-fund >/dev/null
dotnet run --project tools/CalmDesk.Evaluation -c Release -- "$data" eval docs/analysis-quality.md docs/model-card.md
