#!/usr/bin/env bash
# The queue of merged, reviewed ckafka plans, kept on a git branch, for the workflow ckafka.yml.
# Copy it to .github/ckafka-queue.sh. The rules of the queue are `ckafka queue`'s; this script
# only moves plans between GitHub and that branch.
#
#   open              check the queue branch out into $QUEUE_DIR (an empty queue if it does not exist)
#   record            queue the reviewed plan of the pull request merged as $GITHUB_SHA
#   catch-up          queue the plans of pull requests merged since $QUEUE_SINCE that changed
#                     $FLEET_DIR/ and are not queued yet (their record job was cancelled or failed)
#   save [message]    commit the queue and push it, rebasing when another job pushed first
#
# Needs git, gh (GH_TOKEN) and GITHUB_REPOSITORY, GITHUB_SHA as GitHub Actions sets them.
set -euo pipefail

QUEUE_DIR="${QUEUE_DIR:-.ckafka-queue}"
QUEUE_BRANCH="${QUEUE_BRANCH:-ckafka-plans}"
FLEET_DIR="${FLEET_DIR:-fleet}"
BASE_BRANCH="${BASE_BRANCH:-main}"
# Merges before this date are not caught up on (the date you adopted the queue, say).
QUEUE_SINCE="${QUEUE_SINCE:-$(date -u -d '30 days ago' +%Y-%m-%d)}"
# The installed ckafka, never one fetched on the fly.
CKAFKA="${CKAFKA:-npx --no ckafka}"
GH="${GH:-gh}"
PLANS_DIR="${PLANS_DIR:-${RUNNER_TEMP:-/tmp}/ckafka-plans}"

die() {
  echo "::error::$*" >&2
  exit 1
}

# Queues the plan of pull request $1, merged at $2 with head $3. Adding a plan already queued
# does nothing; a plan that is neither queued nor downloadable fails (a merged plan would be lost).
queue_add() {
  local number="$1" merged_at="$2" head="$3" dir="$PLANS_DIR/$1"
  rm -rf "$dir"
  "$GH" run download --repo "$GITHUB_REPOSITORY" --name "ckafka-plan-$head" --dir "$dir" >/dev/null 2>&1 || true
  $CKAFKA queue add "$QUEUE_DIR" "$dir/plan.json" --id "pr$number" --merged-at "$merged_at"
}

case "${1:-}" in
  open)
    # The whole (small) history of the queue branch, so a rebase in `save` replays only our commit.
    if git fetch --quiet origin "+refs/heads/$QUEUE_BRANCH:refs/remotes/origin/$QUEUE_BRANCH" 2>/dev/null; then
      git worktree add --quiet --detach "$QUEUE_DIR" "origin/$QUEUE_BRANCH"
    else
      git worktree add --quiet --detach "$QUEUE_DIR"
      git -C "$QUEUE_DIR" switch --quiet --orphan "$QUEUE_BRANCH"
    fi
    ;;
  record)
    pr=$("$GH" api "repos/$GITHUB_REPOSITORY/commits/$GITHUB_SHA/pulls" --jq '[.[] | select(.merged_at != null)] | first | select(. != null) | "\(.number) \(.merged_at) \(.head.sha)"')
    [ -n "$pr" ] || die "no merged pull request for $GITHUB_SHA: changes to $FLEET_DIR/ must go through a reviewed plan"
    read -r number merged_at head <<<"$pr"
    queue_add "$number" "$merged_at" "$head"
    ;;
  catch-up)
    status=0
    while read -r number merged_at head; do
      [ -n "$number" ] || continue
      queue_add "$number" "$merged_at" "$head" || status=1
    done < <("$GH" pr list --repo "$GITHUB_REPOSITORY" --state merged --base "$BASE_BRANCH" --search "merged:>=$QUEUE_SINCE" --limit 200 \
      --json number,mergedAt,headRefOid,files \
      --jq ".[] | select(any(.files[]; .path | startswith(\"$FLEET_DIR/\"))) | \"\(.number) \(.mergedAt) \(.headRefOid)\"")
    exit "$status"
    ;;
  save)
    cd "$QUEUE_DIR"
    git add -A
    if git diff --cached --quiet; then
      echo "the queue is unchanged"
      exit 0
    fi
    git -c user.name="ckafka queue" -c user.email="ckafka-queue@users.noreply.github.com" commit --quiet -m "${2:-ckafka queue}"
    for attempt in 1 2 3 4 5; do
      if git push --quiet origin "HEAD:refs/heads/$QUEUE_BRANCH"; then exit 0; fi
      echo "another job saved the queue first (attempt $attempt): replaying this run's changes on top"
      git fetch --quiet origin "+refs/heads/$QUEUE_BRANCH:refs/remotes/origin/$QUEUE_BRANCH"
      # Files are only added and moved between folders: no rename detection (it would take a plan
      # added by one job for a plan moved by the other).
      git -c merge.directoryRenames=false rebase --quiet --strategy-option=no-renames "origin/$QUEUE_BRANCH" ||
        die "the queue changes of this run conflict with the branch $QUEUE_BRANCH"
    done
    die "could not push the queue to $QUEUE_BRANCH after 5 attempts"
    ;;
  *)
    echo "usage: $0 open | record | catch-up | save [message]" >&2
    exit 2
    ;;
esac
