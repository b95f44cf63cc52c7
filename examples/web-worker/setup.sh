#!/bin/sh
# The one-shot setup task: prepares what the web server serves, then exits 0.
set -e
mkdir -p /tmp/web-worker
echo "hello from the web-worker example" >/tmp/web-worker/message
echo "wrote /tmp/web-worker/message"
