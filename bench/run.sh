#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every benchmark, each against its reference; ./build-aux/dev bench runs
# this in the headless session with BENCH_BUILD set to its build.
#   bench/run.sh [RUNS]
# Prints each benchmark's table and BENCH lines, then one line for machines:
#   BENCH-ALL [{"name": …, "signet": …, "reference": …, "ratio": …}, …]
set -eu

B=${BENCH_BUILD:?BENCH_BUILD must name a build directory}
runs=${1:+--runs $1}
out=$(mktemp)
trap 'rm -f "$out"' EXIT

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
memory=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
echo "machine: ${cpu:-unknown CPU}, $(nproc) CPUs, $memory, $(uname -sr)"
echo "display: Xvfb $DISPLAY; built in $B"
# Issue 20: every run reported with the machine's load.
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) ($(date -u '+%Y-%m-%d %H:%M UTC'))"
echo

# shellcheck disable=SC2086
"$B/bench/create-request" "$B/src/sandbox/signet-sandbox" $runs | tee -a "$out"
echo
# shellcheck disable=SC2086
"$B/bench/preview" $runs | tee -a "$out"
echo
# shellcheck disable=SC2086
GSETTINGS_SCHEMA_DIR="$B/data" "$B/bench/startup" "$B/src/signet" "$B/bench/minimal-window" \
  "$B/src/sandbox/signet-sandbox" $runs \
  | tee -a "$out"
echo
# Polling: --runs counts intervals here (default 10).
# shellcheck disable=SC2086
"$B/bench/polling-cost" "$B/src/sandbox/signet-sandbox" $runs | tee -a "$out"
echo
# The first import of 10, 1,000 and 10,000 documents sent elsewhere (docs/shared-account.md);
# --runs counts later cycles (default 5).
# shellcheck disable=SC2086
"$B/bench/import-account" "$B/src/sandbox/signet-sandbox" $runs | tee -a "$out"
echo
# The tracker archiving 50 signed PDFs (download, write, signature check);
# --runs counts fresh journals (default 3).
# shellcheck disable=SC2086
"$B/bench/archive-stall" "$B/src/sandbox/signet-sandbox" $runs | tee -a "$out"
echo
# shellcheck disable=SC2086
GSETTINGS_SCHEMA_DIR="$B/data" GSETTINGS_BACKEND=memory "$B/bench/library-scale" $runs | tee -a "$out"
echo
# From Send (1-page PDF) to the QR code drawn, against curl sending the same E1.
# shellcheck disable=SC2086
GSETTINGS_SCHEMA_DIR="$B/data" GSETTINGS_BACKEND=memory "$B/bench/qr-time" \
  "$B/src/sandbox/signet-sandbox" $runs | tee -a "$out"
echo
# Memory: --runs counts starts of each (default 3).
# shellcheck disable=SC2086
GSETTINGS_SCHEMA_DIR="$B/data" "$B/bench/idle-memory" "$B/src/signet" "$B/src/sandbox/signet-sandbox" \
  "$B/bench/minimal-window" $runs | tee -a "$out"
echo
# signet-cli send of 100 PDFs against base64 + curl (docs/cli.md).
"$(dirname "$0")/cli-send.sh" "$B" 100 | tee -a "$out"
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg) ($(date -u '+%Y-%m-%d %H:%M UTC'))"
printf 'BENCH-ALL [%s]\n' "$(sed -n 's/^BENCH //p' "$out" | paste -sd, -)"
