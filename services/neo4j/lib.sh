# Shared helpers for start.sh / stop.sh / wait.sh. Sourced, not executed.
# Callers set NEO4J_DIR (this folder, resolved from their own path) first.

NEO4J_HOST="${NEO4J_HOST:-127.0.0.1}"
NEO4J_PORT="${NEO4J_PORT:-7687}"
NEO4J_RUN_DIR="${NEO4J_RUN_DIR:-$NEO4J_DIR/run}"
NEO4J_DATA_DIR="${NEO4J_DATA_DIR:-$NEO4J_DIR/data}"
NEO4J_PID_FILE="$NEO4J_RUN_DIR/neo4j.pid"
NEO4J_LOG_FILE="$NEO4J_RUN_DIR/neo4j.log"
NEO4J_READY_MARKER="TRENDGRAPH-NEO4J-READY"
NEO4J_MAIN_CLASS="trendgraph.Neo4jServer"

neo4j_log() { echo "neo4j: $*" >&2; }

# Exit 3 when the toolchain is absent: the test-suite reads 3 as "cannot run here".
neo4j_require_tools() {
  local missing=()
  command -v java >/dev/null 2>&1 || missing+=(java)
  command -v mvn >/dev/null 2>&1 || missing+=(mvn)
  if ((${#missing[@]})); then
    neo4j_log "ERROR: not found on PATH: ${missing[*]}; the local Neo4j service needs Java 17+ and Maven."
    exit 3
  fi
}

# True if Bolt accepts a TCP connection on NEO4J_HOST:NEO4J_PORT.
neo4j_port_open() {
  (exec 3<>"/dev/tcp/$NEO4J_HOST/$NEO4J_PORT") >/dev/null 2>&1
}

# Prints the recorded pid (empty if none).
neo4j_recorded_pid() {
  if [[ -s "$NEO4J_PID_FILE" ]]; then
    tr -dc '0-9' <"$NEO4J_PID_FILE"
  fi
}

# True if PID is alive and is our server JVM (guards against a recycled pid).
neo4j_pid_is_ours() {
  local pid="$1"
  [[ -n "$pid" ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -r "/proc/$pid/cmdline" ]]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$NEO4J_MAIN_CLASS" || return 1
  fi
  return 0
}

neo4j_log_tail() {
  local n="${1:-40}"
  if [[ -f "$NEO4J_LOG_FILE" ]]; then
    echo "----- last $n lines of $NEO4J_LOG_FILE -----" >&2
    tail -n "$n" "$NEO4J_LOG_FILE" >&2 || true
    echo "----- end of log -----" >&2
  else
    echo "(no log file at $NEO4J_LOG_FILE)" >&2
  fi
}
