#!/usr/bin/env bash
# The `cbr` command from a shell, as a CI job uses it: take a restore point and wait until it is available
# (--wait --json: one JSON document on stdout), read its id, then `cbr checkpoint get` it, list its backups and
# show what a prune would delete. It runs against the embedded mock server (started here on a free port,
# stopped at the end), so it needs no cloud account.
# Needs the packages built: `npm run build` (CI runs this file after it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cbr="$root/node_modules/.bin/cbr" # the bin npm links for @cbr-sdk/cli (`npx cbr` finds the same)

# The mock server: port 0 picks a free port; its first line says which.
log="$(mktemp)"
node "$root/packages/mock-server/dist/cli.js" --port 0 --available-after 1500 --quiet >"$log" 2>&1 &
mock_pid=$!
trap 'kill "$mock_pid" 2>/dev/null || true; rm -f "$log"' EXIT
url=""
for _ in $(seq 100); do
  url="$(sed -n 's/^cbr-mock-server listening on //p' "$log")"
  [ -n "$url" ] && break
  kill -0 "$mock_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "examples/cli.sh: the mock server did not start:" >&2
  cat "$log" >&2
  exit 1
fi

# Configuration as in CI: the environment (a token here; AK/SK or an IAM user work the same way).
export CBR_ENDPOINT="$url"
export HUAWEICLOUD_SDK_PROJECT_ID=f841e01fd2b14e7fa41b6ae7aa6b0594 # the project of Huawei's example
export HUAWEICLOUD_SDK_TOKEN=example-token                        # the mock takes any token
vault=3b5816b5-f29c-4172-9d9a-76c719a659ce                        # the mock's vault (Huawei's example)

echo "\$ cbr checkpoint create --vault $vault --name before-deploy --wait --json"
# Progress goes to stderr (one timestamped line per status change outside a terminal), the JSON to stdout.
restore_point="$("$cbr" checkpoint create --vault "$vault" --name before-deploy --wait --wait-timeout 2m --json)"
# With jq: id="$(... | jq -r .id)"; node reads it here, so the example needs nothing but Node.
read -r id status < <(node -e 'const c = JSON.parse(process.argv[1]); console.log(c.id, c.status)' "$restore_point")
echo "restore point $id is $status"
[ "$status" = available ]

echo
echo "\$ cbr checkpoint get $id"
"$cbr" checkpoint get "$id"

echo
echo "\$ cbr backup list --checkpoint $id"
"$cbr" backup list --checkpoint "$id"

echo
echo "\$ cbr checkpoint prune --vault $vault --name-prefix before- --keep 5   # the plan only: nothing is deleted without --yes"
"$cbr" checkpoint prune --vault "$vault" --name-prefix before- --keep 5
