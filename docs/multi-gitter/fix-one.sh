#!/usr/bin/env bash
# gpt-image-migrate across an organisation with multi-gitter (docs/reports.md, "Many
# repositories"). multi-gitter clones each repository, runs this script in the clone and
# sets REPOSITORY=owner/name; with --manual-commit it opens the pull request with the
# subject of the script's commit as its title and the rest of the message as its
# description. So this script fixes the clone and commits exactly the files fix wrote,
# with the Markdown report (what changed, what a person must decide) as the message.
#
#   export REPORTS_DIR="$PWD/reports"; mkdir -p "$REPORTS_DIR"
#   multi-gitter run "$PWD/fix-one.sh" --manual-commit -B gpt-image-2-migration --org acme
#   gpt-image-migrate report merge reports/*.json --format html -o acme.html
#
# REPORTS_DIR        required: a directory outside the clones for each repository's JSON report
# GPT_IMAGE_MIGRATE  the command (default: npx --yes gpt-image-migrate@0), split on spaces
# PR_TITLE           the pull request's title (default: names the target model)
#
# Exit 0: done; a commit when fix changed something, none when nothing was to change
# (multi-gitter then opens no pull request). Any other exit: no pull request for this
# repository (3 bad usage, 4 internal error; the message says which).
set -euo pipefail

: "${REPOSITORY:?is not set: multi-gitter sets it (multi-gitter run <this script>)}"
: "${REPORTS_DIR:?is not set: set it to a directory outside the clones, for the JSON reports}"
read -r -a gim <<< "${GPT_IMAGE_MIGRATE:-npx --yes gpt-image-migrate@0}"

json="$REPORTS_DIR/${REPOSITORY//\//__}.json"
message=$(mktemp)
trap 'rm -f "$message" "$message.md"' EXIT
link="${GITHUB_SERVER_URL:-https://github.com}/$REPOSITORY/blob/$(git rev-parse HEAD)/"

# exit 2 (some files could not be read or parsed) is not a failure here: the others are
# migrated, and the report lists those files for a person
tolerate_2() { "$@" || { status=$?; [ "$status" -eq 2 ] || exit "$status"; }; }

# 1. The description: the audit of the clone before any change. --verify runs fix's own
#    type-check, so its automatic items are exactly what step 2 writes.
tolerate_2 "${gim[@]}" audit . --verify --format markdown -o "$message.md" --fail-on none \
  --name "$REPOSITORY" --link-base "$link" --no-progress
# 2. The fix, and its JSON report (every file: changed, written, left for a person) for report merge.
#    --force: the clone is multi-gitter's own, and whatever else is in it (a dependency install
#    of yours, say) stays out of the commit (step 3); the pull request is where the change is reviewed.
tolerate_2 "${gim[@]}" fix . --force --format json -o "$json" --name "$REPOSITORY" --link-base "$link" --no-progress

# 3. Commit exactly what fix wrote (nothing else the clone may hold), with the report as the body.
node -e 'for (const f of require(process.argv[1]).fix.files) if (f.written) process.stdout.write(f.file + "\0")' "$json" |
  git add --pathspec-from-file=- --pathspec-file-nul
if git diff --cached --quiet; then
  echo "$REPOSITORY: nothing for fix to change (the JSON report lists what a person must decide)"
  exit 0
fi
title=${PR_TITLE:-}
[ -n "$title" ] || title="Move off OpenAI's retired image models to $(node -p 'require(process.argv[1]).target' "$json")"
{ printf '%s\n\n' "$title"; cat "$message.md"; } > "$message"
git commit --quiet --cleanup=verbatim -F "$message"
git log -1 --stat --format='%s'
