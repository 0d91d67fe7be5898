#!/usr/bin/env bash
# Usage: ci/notify-failure.sh MESSAGE
#   Posts MESSAGE as JSON ({"text": ...}) to NOTIFY_WEBHOOK_URL (Slack, Teams and most chat tools
#   accept that shape). Without a webhook it only prints the message; a notification never fails the build.
#   The webhook URL is a secret (whoever has it can post): it goes to curl on its standard input.
set -euo pipefail
# shellcheck source=ci/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

message=${1:-"posts-service build failed"}
echo "notify-failure: $message"
if [[ -n "${NOTIFY_WEBHOOK_URL:-}" ]]; then
    escaped=$(printf '%s' "$message" | sed 's/\\/\\\\/g; s/"/\\"/g')
    printf 'url = %s\n' "$(curl_config_string "$NOTIFY_WEBHOOK_URL")" \
        | curl --silent --show-error --max-time 10 --header 'Content-Type: application/json' \
            --data "{\"text\":\"$escaped\"}" --config - > /dev/null \
        || echo "notify-failure: webhook not reached" >&2
fi
