#!/bin/bash
# make demo: the private cluster, the schema, the demo data (first time only), then
# the console as the demo agent.
set -euo pipefail
cd "$(dirname "$0")/.."

db/devdb start
eval "$(db/devdb env)"
./backdesk migrate
if [ "$(psql -XAtqc "SELECT count(*) FROM backdesk.orders")" = 0 ]; then
	./backdesk seed --demo
fi
cat <<MSG

The private cluster is running ($(db/devdb path)).
  eval "\$(db/devdb env)"     point psql and backdesk at it
  db/devdb psql              open psql on it
  db/devdb stop              stop it (make demo starts it again)
Demo logins: ayse, can, eszter (agents), mehmet (warehouse), zsofia (supervisor), admin:
  PGUSER=zsofia ./backdesk

MSG
if [ -t 0 ] && [ -t 1 ]; then
	PGUSER=${BACKDESK_DEMO_USER:-ayse} exec ./backdesk
fi
echo "(no terminal: not opening the console)"
