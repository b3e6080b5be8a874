#!/usr/bin/env bash
# Builds a self-contained release of CalmDesk for a Linux x64 server: one folder with a single `calmdesk` executable
# (the .NET runtime inside), its web assets, playbooks and models, and the systemd unit beside it. The server needs
# neither the .NET SDK nor a .NET runtime.
#   deploy/release.sh [OUT]        (default: dist/calmdesk-linux-x64)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-dist/calmdesk-linux-x64}"
rm -rf "$out"
dotnet publish src/CalmDesk -c Release -r linux-x64 --self-contained true -p:PublishSingleFile=true -o "$out" >&2
cp deploy/calmdesk.service "$out/"
echo "$out"
