#!/usr/bin/env bash
# Captures what the REAL pulumi prints for the tailnet test project (tests/real/pulumi/tailnet), for
# the parser tests beside this script. Needs the real tools: eval "$(tests/real/install)" first.
# Usage: layers/pulumi/__fixtures__/real/capture.sh
# Output: NAME.json / NAME.jsonl (stdout), NAME.stderr.txt (stderr), exit-codes.txt. Scrubbed: temp
# paths become /TMP, and times, durations, pids, host and user names, lock and provider ids are fixed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
: "${BLUMEOPS_REAL_PULUMI_BIN:?run eval \"\$(tests/real/install)\" first}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

export PATH="$BLUMEOPS_REAL_PULUMI_BIN:$PATH" PULUMI_HOME="$tmp/home" PULUMI_BACKEND_URL="file://$tmp/backend" \
  PULUMI_CONFIG_PASSPHRASE=capture PULUMI_SKIP_UPDATE_CHECK=true NO_COLOR=1 BLUMEOPS_TAILNET_FILE="$tmp/tailnet.json"
mkdir -p "$tmp/home" "$tmp/backend"
cp -RL "$root/tests/real/pulumi/tailnet" "$tmp/project"
ln -s "$BLUMEOPS_REAL_PULUMI_VENV" "$tmp/project/venv"
cd "$tmp/project"

scrub() {
  sed -E -e "s#$tmp#/TMP#g" -e "s#$(hostname)#HOST#g" -e "s#$(id -un)@#USER@#g" \
    -e 's#"(timestamp|durationSeconds)": ?[0-9]+#"\1": 0#g' -e 's#"duration": ?[0-9]+#"duration": 0#g' \
    -e 's#\(pid [0-9]+\)#(pid 1)#g' -e 's#at [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]+(Z|[+-][0-9:]+)#at 2026-01-01T00:00:00Z#g' \
    -e 's#[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}#00000000-0000-0000-0000-000000000000#g' \
    -e 's#"sourcePosition": "[^"]*"#"sourcePosition": "project:///SOURCE"#g'
}

: > "$here/exit-codes.txt"
# run NAME EXT ARGS...: runs pulumi, keeps its scrubbed stdout (NAME.EXT), stderr and exit code.
run() {
  local name="$1" ext="$2"; shift 2
  local code=0
  pulumi "$@" > "$tmp/out" 2> "$tmp/err" || code=$?
  scrub < "$tmp/out" > "$here/$name.$ext"
  if [ -s "$tmp/err" ]; then scrub < "$tmp/err" > "$here/$name.stderr.txt"; else rm -f "$here/$name.stderr.txt"; fi
  echo "$name $code" >> "$here/exit-codes.txt"
  echo "$name: exit $code" >&2
}
set_tags() { sed -i -E "s#^  indri: .*#  indri: $1#" tailnet.yaml; }

run no-stack json preview --json --non-interactive --stack tail8d86e
pulumi stack init tail8d86e --non-interactive >/dev/null
pulumi config set --secret apiKey s3cr3t >/dev/null
run preview-create json preview --json --non-interactive --stack tail8d86e
run up-create jsonl up --yes --skip-preview --json --non-interactive --stack tail8d86e
run preview-in-sync json preview --json --non-interactive --stack tail8d86e --refresh

# Drift: the tailnet changed behind pulumi's back; a refreshing preview shows it as an update.
python3 -c 'import json,sys; p=sys.argv[1]; d=json.load(open(p)); d["devices"]["indri"]["tags"]=["tag:rogue"]; json.dump(d,open(p,"w"))' "$BLUMEOPS_TAILNET_FILE"
run preview-drift json preview --json --non-interactive --stack tail8d86e --refresh

# Two changes: --expect-no-changes fails the preview; --target updates one, the other stays pending.
set_tags '["tag:server", "tag:nas"]'
sed -i -E 's#^nameservers: .*#nameservers: ["8.8.8.8"]#' tailnet.yaml
run expect-no-changes json preview --json --non-interactive --stack tail8d86e --expect-no-changes
run up-target jsonl up --yes --skip-preview --json --non-interactive --stack tail8d86e \
  --target 'urn:pulumi:tail8d86e::blumeops-tailnet::pulumi-python:dynamic/tailnet:DeviceTags::indri-tags'
run preview-update json preview --json --non-interactive --stack tail8d86e
# A provider that refuses a tag.
set_tags '["tag:Bad Tag"]'
run up-provider-fails jsonl up --yes --skip-preview --json --non-interactive --stack tail8d86e

# A lock held by another update; then Ctrl-C in the middle of an update.
set_tags '["tag:server"]'
BLUMEOPS_TAILNET_DELAY=8 pulumi up --yes --skip-preview --non-interactive --stack tail8d86e > "$tmp/other.out" 2>&1 &
other=$!
for _ in $(seq 100); do compgen -G "$tmp/backend/.pulumi/locks/*/*/*/*.json" >/dev/null && break; sleep 0.1; done
run locked jsonl up --yes --skip-preview --json --non-interactive --stack tail8d86e
wait "$other" || true
set_tags '["tag:server", "tag:web"]'
sed -i -E 's#^nameservers: .*#nameservers: ["1.1.1.1"]#' tailnet.yaml
(sleep 4; kill -INT "$(pgrep -n -f 'pulumi up --yes --skip-preview --json')") &
BLUMEOPS_TAILNET_DELAY=3 run up-interrupted jsonl up --yes --skip-preview --json --non-interactive --stack tail8d86e
rm -f "$here/no-stack.json" "$here/locked.jsonl"
