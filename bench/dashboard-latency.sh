#!/usr/bin/env bash
# Measures the time from collectPoints returning to the dashboard hub delivering the entry, at a
# fixed rate of purchases, against a Pointspot that is already running (deploy/run.sh).
# Builds bench/DashboardLatency in Release into .data/bench-artifacts/dashboard-latency and runs it.
#
# Usage: bench/dashboard-latency.sh [--url URL] [--rate N] [--seconds N] [--clients N] [--members N]
#   --url      the Pointspot to measure (default http://127.0.0.1:5080/)
#   --rate     purchases per second, sent open loop (default 1000)
#   --seconds  how long to send (default 10)
#   --clients  requests in flight at most (default 64)
#   --members  members the purchases spread over (default 10000)
# Prints the purchases sent, the entries received, and p50, p99 and max latency in milliseconds.
# Exits 1 when a purchase failed or its entry never reached the dashboard.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$repo/.data/bench-artifacts/dashboard-latency

dotnet build "$repo/bench/DashboardLatency/DashboardLatency.csproj" -c Release -o "$out" -v quiet -nologo >&2
exec dotnet "$out/Pointspot.DashboardLatency.dll" "$@"
