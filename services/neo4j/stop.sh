#!/usr/bin/env bash
# Stop the local Neo4j started by start.sh: SIGTERM to the recorded pid (clean
# shutdown via the JVM shutdown hook), wait up to NEO4J_STOP_TIMEOUT (30 s), then
# SIGKILL. Removes the pid file. A no-op (exit 0) if it is not running.
set -euo pipefail
NEO4J_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$NEO4J_DIR/lib.sh"

stop_timeout="${NEO4J_STOP_TIMEOUT:-30}"
pid="$(neo4j_recorded_pid)"

if [[ -z "$pid" ]]; then
  neo4j_log "not running (no pid file at $NEO4J_PID_FILE)"
  rm -f "$NEO4J_PID_FILE"
  exit 0
fi
if ! neo4j_pid_is_ours "$pid"; then
  neo4j_log "not running (recorded pid $pid is gone); removing stale pid file"
  rm -f "$NEO4J_PID_FILE"
  exit 0
fi

neo4j_log "stopping pid $pid (SIGTERM, up to ${stop_timeout}s)"
kill -TERM "$pid" 2>/dev/null || true
deadline=$((SECONDS + stop_timeout))
while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
  sleep 0.5
done
if kill -0 "$pid" 2>/dev/null; then
  neo4j_log "pid $pid still alive after ${stop_timeout}s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
fi
rm -f "$NEO4J_PID_FILE"
neo4j_log "stopped"
