#!/usr/bin/env bash
# Wait until the local Neo4j answers on Bolt.
#   usage: services/neo4j/wait.sh [TIMEOUT_SECONDS]   (default: NEO4J_WAIT_TIMEOUT or 120)
# If run/neo4j.pid exists (server started by start.sh) it also requires that the JVM is
# alive and that its log says it is ready (password applied), not just that the port is
# open. Exit 0 when ready, 1 on timeout or if the server died, 3 if java/mvn are missing.
set -euo pipefail
NEO4J_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$NEO4J_DIR/lib.sh"
neo4j_require_tools

timeout="${1:-${NEO4J_WAIT_TIMEOUT:-120}}"
[[ "$timeout" =~ ^[0-9]+$ ]] || { neo4j_log "ERROR: timeout must be whole seconds, got '$timeout'"; exit 1; }

deadline=$((SECONDS + timeout))
pid="$(neo4j_recorded_pid)"
managed=0
if [[ -n "$pid" ]]; then managed=1; fi

while :; do
  if ((managed)); then
    if ! kill -0 "$pid" 2>/dev/null; then
      neo4j_log "ERROR: the Neo4j JVM (pid $pid) exited before Bolt was ready on $NEO4J_HOST:$NEO4J_PORT."
      neo4j_log_tail 40
      exit 1
    fi
    if grep -q "$NEO4J_READY_MARKER" "$NEO4J_LOG_FILE" 2>/dev/null && neo4j_port_open; then
      exit 0
    fi
  elif neo4j_port_open; then
    exit 0
  fi
  if ((SECONDS >= deadline)); then
    neo4j_log "ERROR: Neo4j Bolt not ready on $NEO4J_HOST:$NEO4J_PORT after ${timeout}s."
    neo4j_log_tail 40
    exit 1
  fi
  sleep 0.5
done
