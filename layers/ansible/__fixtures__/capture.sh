#!/usr/bin/env bash
# Regenerates the fixtures in this folder from REAL ansible-playbook runs through our callback.
# Usage: layers/ansible/__fixtures__/capture.sh   (needs ansible-playbook on PATH)
# Output: NAME.jsonl (stdout), NAME.stderr.txt (stderr, when it says something), exit-codes.txt.
# The temp dir becomes /TMP/work and task uuids lose their random part, so reruns diff cleanly.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
callback="$(cd "$here/../callback" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
work="$tmp/work"

# What blumeops sets (layers/ansible/invocation.ts), plus no colour for stable fixtures.
export ANSIBLE_STDOUT_CALLBACK=blumeops_events ANSIBLE_CALLBACK_PLUGINS="$callback" PYTHONUNBUFFERED=1 ANSIBLE_NOCOLOR=1
unset ANSIBLE_CONFIG

reset_work() {
  rm -rf "$work"
  cp -R "$here/playbooks" "$work"
  mkdir -p "$work/files"
  printf 'port=80\nmode=dev\n' > "$work/files/app.conf"
  printf 'legacy\n' > "$work/files/old.conf"
}

normalize() {
  sed -e "s#$work#/TMP/work#g" -e "s#$tmp#/TMP#g" \
    -e 's#"\([0-9a-f]\{8\}\)-\([0-9a-f]\{4\}\)-[0-9a-f]\{4\}-[0-9a-f]\{4\}-\([0-9a-f]\{12\}\)"#"00000000-0000-0000-0000-\3"#g'
}

: > "$here/exit-codes.txt"
# run NAME ARGS... : runs ansible-playbook in the work dir, keeps stdout, stderr and the exit code.
run() {
  local name="$1"; shift
  local code=0
  (cd "$work" && ansible-playbook "$@" > "$tmp/out" 2> "$tmp/err") || code=$?
  normalize < "$tmp/out" > "$here/$name.jsonl"
  if [ -s "$tmp/err" ]; then normalize < "$tmp/err" > "$here/$name.stderr.txt"; else rm -f "$here/$name.stderr.txt"; fi
  echo "$name $code" >> "$here/exit-codes.txt"
  echo "$name: exit $code" >&2
}

reset_work
run check-changes -i hosts.yml --check --diff site.yml
run apply -i hosts.yml --diff site.yml
run rerun -i hosts.yml --diff site.yml
run check-clean -i hosts.yml --check --diff site.yml

reset_work
run check-command -i hosts.yml --check --diff command.yml
run same-name -i hosts.yml --check --diff same-name.yml
run verbose -v -i hosts.yml --check --diff command.yml
run failed -i hosts.yml --diff fail.yml
run unreachable -i unreachable-hosts.yml --check --diff unreachable.yml
run syntax-error -i hosts.yml --syntax-check syntax-error.yml
run bad-options -i hosts.yml --no-such-flag site.yml
run no-hosts -i hosts.yml --limit nosuch --check site.yml
rm -f "$here/bad-options.jsonl" "$here/syntax-error.jsonl" "$here/no-hosts.jsonl"
