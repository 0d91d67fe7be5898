#!/usr/bin/env bash
# Usage: ci/notify-failure.sh MESSAGE
#   Posts MESSAGE as JSON ({"text": ...}) to NOTIFY_WEBHOOK_URL (Slack, Teams and most chat tools
#   accept that shape). Without a webhook it only prints the message; a notification never fails the build.
set -euo pipefail

message=${1:-"posts-service build failed"}
echo "notify-failure: $message"
if [[ -n "${NOTIFY_WEBHOOK_URL:-}" ]]; then
    escaped=$(printf '%s' "$message" | sed 's/\\/\\\\/g; s/"/\\"/g')
    curl --silent --show-error --max-time 10 --header 'Content-Type: application/json' \
        --data "{\"text\":\"$escaped\"}" "$NOTIFY_WEBHOOK_URL" || echo "notify-failure: webhook not reached" >&2
fi
