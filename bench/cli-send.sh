#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# signet-cli send of N one-page PDFs against the sandbox, beside the same N
# signature requests made by a shell loop of base64 + curl (one E1 each, the
# file inline), in one run; docs/cli.md has the numbers.
#   bench/cli-send.sh BUILD_DIR [N] [RUNS]
# Prints a table and one line for machines:
#   BENCH {"name": "cli-send", "signet": s, "reference": s, "ratio": r}
set -eu

B=${1:?usage: bench/cli-send.sh BUILD_DIR [N] [RUNS]}
N=${2:-100}
RUNS=${3:-3}
KEY=bench-key
dir=$(mktemp -d)
sandbox_pid=
cleanup() {
  [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT

# The benchmark's sandbox: enough quota for every run.
"$B/src/sandbox/signet-sandbox" --api-key "$KEY" --quota 100000 >"$dir/url" 2>/dev/null &
sandbox_pid=$!
while [ ! -s "$dir/url" ]; do sleep 0.05; done
URL=$(head -n 1 "$dir/url")

export HOME="$dir/home" XDG_CONFIG_HOME="$dir/config" GSETTINGS_BACKEND=keyfile
export GSETTINGS_SCHEMA_DIR="$B/data"
mkdir -p "$HOME" "$XDG_CONFIG_HOME/glib-2.0/settings"
printf "[io/github/signetapp/Signet]\nenvironment='custom'\ncustom-url='%s'\n" "$URL" \
  >"$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"
printf '%s\n' "$KEY" >"$dir/key"

mkdir -p "$dir/pdf"
# The tests' one-page PDF; a build without the tests (./build-aux/dev bench)
# has not written it, so it is written here by the same script.
pdf="$B/tests/data/simple.pdf"
if [ ! -f "$pdf" ]; then
  mkdir -p "$dir/documents"
  python3 "$(dirname "$0")/../tests/data/make-test-documents.py" "$dir/documents"
  pdf="$dir/documents/simple.pdf"
fi
i=0
while [ "$i" -lt "$N" ]; do
  cp "$pdf" "$dir/pdf/document-$i.pdf"
  i=$((i + 1))
done

now() { date +%s.%N; }

cli_run() {
  # A fresh journal each run, as on a new desk.
  export XDG_DATA_HOME="$dir/data-$1"
  start=$(now)
  "$B/src/cli/signet-cli" send --api-key-file "$dir/key" "$dir"/pdf/*.pdf >"$dir/links"
  end=$(now)
  [ "$(wc -l <"$dir/links")" -eq "$N" ] || { echo "signet-cli sent $(wc -l <"$dir/links") of $N" >&2; exit 1; }
  echo "$end - $start" | bc
}

curl_run() {
  start=$(now)
  for file in "$dir"/pdf/*.pdf; do
    name=$(basename "$file")
    srid=$(cat /proc/sys/kernel/random/uuid)
    {
      printf '{"signatureRequestId": "%s", "filename": "%s", "filedata": {"content": "' "$srid" "$name"
      base64 -w 0 "$file"
      printf '"}, "rules": {"signAnywhereEnabled": true, "lang": "sk"}}'
    } >"$dir/body.json"
    curl -sf -o /dev/null -H "x-api-key: $KEY" -H "Content-Type: application/json" \
      --data-binary "@$dir/body.json" "$URL/JSON/signatureRequest"
  done
  end=$(now)
  echo "$end - $start" | bc
}

echo "cli-send: $N one-page PDFs, $RUNS runs each, sandbox $URL"
printf '%-5s %12s %12s\n' run signet-cli curl-loop
best_cli=
best_curl=
run=1
while [ "$run" -le "$RUNS" ]; do
  c=$(cli_run "$run")
  r=$(curl_run)
  printf '%-5s %11.2fs %11.2fs\n' "$run" "$c" "$r"
  if [ -z "$best_cli" ] || [ "$(echo "$c < $best_cli" | bc)" -eq 1 ]; then best_cli=$c; fi
  if [ -z "$best_curl" ] || [ "$(echo "$r < $best_curl" | bc)" -eq 1 ]; then best_curl=$r; fi
  run=$((run + 1))
done
ratio=$(echo "scale=2; $best_cli / $best_curl" | bc)
printf 'best  %11.2fs %11.2fs  ratio %s\n' "$best_cli" "$best_curl" "$ratio"
# %f, since bc writes ".55", which JSON does not read.
printf 'BENCH {"name": "cli-send", "signet": %.3f, "reference": %.3f, "ratio": %.3f}\n' \
  "$best_cli" "$best_curl" "$ratio"
