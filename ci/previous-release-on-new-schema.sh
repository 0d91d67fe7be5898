#!/usr/bin/env bash
# Usage: ci/previous-release-on-new-schema.sh [WORK_DIR]   (default: a temporary folder, removed at the end)
#   A rolling deploy (or a rollback) runs the previous release on the schema that this one migrated. Builds the
#   previous release from git history, the commit before the newest migration was added, and runs its own
#   contract suite (ContractIT) against its WAR on Tomcat 10.1, on a database migrated by this checkout's
#   migrations as well as its own: the newer ones are handed to its test-only "next release" folder, which its
#   tomcat10 run applies before deploying its WAR (docs/migrations.md). Then this checkout's MixedReleaseFarmIT
#   runs a farm of the two releases (after ./mvnw verify: it needs the packaged WAR). Exits 0 when both pass;
#   1 otherwise. Needs the repository's history (a full clone), and Maven's cache warmed by this
#   checkout's build (the previous release's dependencies are fetched if not).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=ci/lib.sh
source ci/lib.sh

if [[ -n "${1:-}" ]]; then
    work=$1 remove_work=no
else
    work=$(mktemp -d) remove_work=yes
fi
migrations=src/main/resources/db/migration
if [[ "$(git rev-parse --is-shallow-repository)" == true ]]; then
    git fetch --quiet --unshallow || { echo "previous-release: a shallow clone, and its history cannot be fetched" >&2; exit 1; }
fi
newest=$(git log -1 --format=%H -- "$migrations")
previous=$(git rev-parse "$newest^")
echo "previous-release: $(git log -1 --format='%h %s' "$previous" | cut -c1-100)"
echo "previous-release: on the schema of $(git log -1 --format=%h HEAD) ($(git ls-files "$migrations" | wc -l) migrations)"

checkout="$work/previous"
git worktree add --quiet --detach "$checkout" "$previous"
trap 'git worktree remove --force "$checkout"; [[ $remove_work == no ]] || rm -rf "$work"' EXIT
next_release="$checkout/src/test/resources/db/next-release"
handed=()
for migration in "$migrations"/V*.sql; do
    [[ -e "$checkout/$migration" ]] || { cp "$migration" "$next_release/"; handed+=("${migration##*/}"); }
done
echo "previous-release: newer migrations handed over: ${handed[*]:-none}"

# Surefire's tests are the previous release's own business; its contract suite on Tomcat 10.1 is what a rolling
# deploy relies on: only its tomcat10 run of failsafe, the one on the migrated schema. exec.skip: no browser
# test runs, so no axe-core install. integration-test does not fail on a failed test: its summary says.
(cd "$checkout" && ./mvnw package failsafe:integration-test@tomcat10 -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=ContractIT -Dexec.skip=true)
summary_of() { # summary_of FILE: "completed errors failures" of a failsafe summary (its order), or nothing
    [[ -f "$1" ]] && sed -n 's:.*<completed>\([0-9]*\)</completed>.*:\1:p; s:.*<failures>\([0-9]*\)</failures>.*:\1:p;
        s:.*<errors>\([0-9]*\)</errors>.*:\1:p' "$1" | tr '\n' ' '
}
read -r completed errors failures <<< "$(summary_of "$checkout/target/failsafe-reports/summary-tomcat10.xml")"
((${completed:-0} > 0)) || { echo "previous-release: its contract suite did not run on Tomcat 10.1" >&2; exit 1; }
((${failures:-1} == 0 && ${errors:-1} == 0)) \
    || { echo "previous-release: its contract suite failed on this schema: $failures failed, $errors errors" >&2; exit 1; }
echo "previous-release: $completed contract tests on Tomcat 10.1"

# A farm half-way through the deploy: this checkout's MixedReleaseFarmIT, with the previous release's WAR on
# one Tomcat (the packaged WAR of this checkout, from its verify, on the other).
[[ -f target/posts-service.war ]] || { echo "previous-release: run ./mvnw verify first (no target/posts-service.war)" >&2; exit 1; }
./mvnw failsafe:integration-test@nginx-tomcat11 -Dit.test=MixedReleaseFarmIT \
    -Dposts.previous.war="$checkout/target/posts-service.war"
read -r completed errors failures <<< "$(summary_of target/failsafe-reports/summary-nginx-tomcat11.xml)"
skipped=$(sed -n 's:.*<skipped>\([0-9]*\)</skipped>.*:\1:p' target/failsafe-reports/summary-nginx-tomcat11.xml)
[[ "${completed:-0} ${failures:-1} ${errors:-1} ${skipped:-1}" == "1 0 0 0" ]] \
    || { echo "previous-release: MixedReleaseFarmIT did not pass (ran ${completed:-0}, failed ${failures:-?}, errors ${errors:-?}, skipped ${skipped:-?})" >&2; exit 1; }
echo "previous-release: a farm of both releases answers author tokens as documented"
echo "previous-release: $(git log -1 --format=%h "$previous") passes its contract suite on the new schema"
