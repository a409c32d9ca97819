#!/usr/bin/env bash
# Run the whole suite against the tests' own Neo4j: started here on its own port
# (TRENDGRAPH_TEST_NEO4J_PORT, default 7688) and data folder (var/test-neo4j/), never
# the 7687 a user's server listens on. A Neo4j that cannot start stops the run; only
# outside CI, and only when Java/Maven are absent (exit 3), do the Neo4j tests skip.
set -uo pipefail
cd "$(dirname "$0")/.."
in_ci() { [[ "${CI:-}" =~ ^(1|true|yes)$ ]]; }

export NEO4J_PORT="${TRENDGRAPH_TEST_NEO4J_PORT:-7688}"
# the outage and bulk-import tests start a second, throwaway server on the next port
export TRENDGRAPH_TEST_NEO4J_SPARE_PORT="${TRENDGRAPH_TEST_NEO4J_SPARE_PORT:-$((NEO4J_PORT + 1))}"
export NEO4J_DATA_DIR="$PWD/var/test-neo4j/data" NEO4J_RUN_DIR="$PWD/var/test-neo4j/run"
export NEO4J_HEAP="${NEO4J_HEAP:-1g}"
export TRENDGRAPH_TEST_NEO4J_PASSWORD="${TRENDGRAPH_TEST_NEO4J_PASSWORD:-trendgraph-test}"
export TRENDGRAPH_TEST_NEO4J="bolt://127.0.0.1:$NEO4J_PORT"

started=0
NEO4J_PASSWORD="$TRENDGRAPH_TEST_NEO4J_PASSWORD" services/neo4j/start.sh
status=$?
if [ $status -eq 0 ]; then
  started=1
elif [ $status -eq 3 ] && ! in_ci; then
  echo "Neo4j tests will be skipped: install Java 17 and Maven to run them." >&2
else
  echo "The tests' Neo4j could not be started on port $NEO4J_PORT (exit $status); stopping." >&2
  exit $status
fi
stop() { [ $started -eq 1 ] && services/neo4j/stop.sh; }
trap stop EXIT

.venv/bin/python -m pytest "$@"
