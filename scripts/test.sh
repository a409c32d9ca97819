#!/usr/bin/env bash
# Run the whole suite: start the real Neo4j (if Java/Maven exist), run pytest, stop Neo4j.
# In CI (CI=true) a Neo4j that cannot start is a failure, never a skip.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEO4J_PASSWORD="${NEO4J_PASSWORD:-trendgraph-dev}"
in_ci() { [[ "${CI:-}" =~ ^(1|true|yes)$ ]]; }

started=0
services/neo4j/start.sh
status=$?
if [ $status -eq 0 ]; then
  started=1
elif [ $status -eq 3 ] && ! in_ci; then
  echo "Neo4j tests will be skipped: install Java 17 and Maven to run them." >&2
else
  echo "Neo4j could not be started (exit $status)." >&2
  in_ci && exit $status
fi
stop() { [ $started -eq 1 ] && services/neo4j/stop.sh; }
trap stop EXIT

.venv/bin/python -m pytest "$@"
