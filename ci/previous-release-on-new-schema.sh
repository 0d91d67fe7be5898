#!/usr/bin/env bash
# Usage: ci/previous-release-on-new-schema.sh [WORK_DIR]
#   A rolling deploy (or a rollback) runs the previous release on the schema that this one migrated. Builds the
#   previous release from git history, the commit before the newest migration was added, and runs its own
#   contract suite (ContractIT) against its WAR on Tomcat 10.1, on a database migrated by this checkout's
#   migrations as well as its own: the newer ones are handed to its test-only "next release" folder, which its
#   tomcat10 run applies before deploying its WAR (docs/migrations.md). Exits 0 when the previous release
#   passes; 1 otherwise. Needs the repository's history (a full clone), and Maven's cache warmed by this
#   checkout's build (the previous release's dependencies are fetched if not).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=ci/lib.sh
source ci/lib.sh

work=${1:-$(mktemp -d)}
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
trap 'git worktree remove --force "$checkout"' EXIT
next_release="$checkout/src/test/resources/db/next-release"
handed=()
for migration in "$migrations"/V*.sql; do
    [[ -e "$checkout/$migration" ]] || { cp "$migration" "$next_release/"; handed+=("${migration##*/}"); }
done
echo "previous-release: newer migrations handed over: ${handed[*]:-none}"

# Surefire's tests are the previous release's own business; its contract suite on Tomcat is what a rolling
# deploy relies on (both of its failsafe runs execute ContractIT; the tomcat10 one on the migrated schema).
# exec.skip: no browser test runs, so no axe-core install.
(cd "$checkout" && ./mvnw verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ContractIT \
    -Dexec.skip=true)
completed=$(sed -n 's:.*<completed>\([0-9]*\)</completed>.*:\1:p' "$checkout/target/failsafe-reports/summary-tomcat10.xml")
((${completed:-0} > 0)) || { echo "previous-release: its contract suite did not run on Tomcat 10.1" >&2; exit 1; }
echo "previous-release: $completed contract tests on Tomcat 10.1"
echo "previous-release: $(git log -1 --format=%h "$previous") passes its contract suite on the new schema"
