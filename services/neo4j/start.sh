#!/usr/bin/env bash
# Start the local/CI Neo4j (real Neo4j Community 5.26 from Maven Central) in the
# background, Bolt on 127.0.0.1:${NEO4J_PORT:-7687}, auth on (user neo4j,
# password ${NEO4J_PASSWORD:-trendgraph-dev}), and wait until it is ready.
#
# Idempotent: if the recorded server is alive and answers, it says so and exits 0.
# Exit codes: 0 ready, 1 failed / timed out, 3 java or mvn missing.
#
# Env: NEO4J_PORT, NEO4J_HOST (127.0.0.1), NEO4J_PASSWORD, NEO4J_HEAP (2g),
#      NEO4J_PAGECACHE (512m), NEO4J_START_TIMEOUT (900 s, includes the first
#      Maven download), NEO4J_JAVA_OPTS (extra JVM flags), NEO4J_MVN_OPTS (extra
#      Maven flags, e.g. -o for offline).
set -euo pipefail
NEO4J_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$NEO4J_DIR/lib.sh"
neo4j_require_tools

start_timeout="${NEO4J_START_TIMEOUT:-900}"
heap="${NEO4J_HEAP:-2g}"
t_start=$SECONDS

mkdir -p "$NEO4J_RUN_DIR" "$NEO4J_DATA_DIR"

# --- already running? -------------------------------------------------------
pid="$(neo4j_recorded_pid)"
if [[ -n "$pid" ]]; then
  if neo4j_pid_is_ours "$pid"; then
    if grep -q "$NEO4J_READY_MARKER" "$NEO4J_LOG_FILE" 2>/dev/null && neo4j_port_open; then
      neo4j_log "already running (pid $pid), Bolt on bolt://$NEO4J_HOST:$NEO4J_PORT"
      exit 0
    fi
    neo4j_log "already starting (pid $pid); waiting for Bolt on $NEO4J_HOST:$NEO4J_PORT"
    exec "$NEO4J_DIR/wait.sh" "$start_timeout"
  fi
  neo4j_log "removing stale pid file (pid $pid is not running)"
  rm -f "$NEO4J_PID_FILE"
fi

if neo4j_port_open; then
  neo4j_log "ERROR: port $NEO4J_HOST:$NEO4J_PORT is already in use by another process (not the one recorded in $NEO4J_PID_FILE)."
  neo4j_log "Stop it, or pick another port with NEO4J_PORT=..."
  exit 1
fi

# --- rotate the log -----------------------------------------------------------
if [[ -f "$NEO4J_LOG_FILE" ]]; then
  mv -f "$NEO4J_LOG_FILE" "$NEO4J_LOG_FILE.1"
fi
: >"$NEO4J_LOG_FILE"

# --- build the classpath once (first run downloads Neo4j into ~/.m2) ----------
target="$NEO4J_DIR/target"
cp_file="$target/classpath.txt"
main_class_file="$target/classes/trendgraph/Neo4jServer.class"

needs_build() {
  [[ -s "$cp_file" && -f "$main_class_file" ]] || return 0
  [[ "$NEO4J_DIR/pom.xml" -nt "$cp_file" ]] && return 0
  [[ -n "$(find "$NEO4J_DIR/src" -newer "$main_class_file" -type f -print -quit)" ]] && return 0
  # A wiped ~/.m2 (or another machine) invalidates the recorded jar paths.
  local jar
  IFS=':' read -r -a jars <"$cp_file"
  for jar in "${jars[@]}"; do [[ -f "$jar" ]] || return 0; done
  return 1
}

if needs_build; then
  neo4j_log "building classpath with Maven (the first run downloads Neo4j jars into ~/.m2; this can take a few minutes)"
  mvn_cmd=(mvn -B -q -f "$NEO4J_DIR/pom.xml" ${NEO4J_MVN_OPTS:-}
           compile dependency:build-classpath "-Dmdep.outputFile=$cp_file")
  if command -v timeout >/dev/null 2>&1; then
    mvn_cmd=(timeout "$start_timeout" "${mvn_cmd[@]}")
  fi
  build_log="$NEO4J_RUN_DIR/build.log"
  if ! "${mvn_cmd[@]}" >"$build_log" 2>&1; then
    neo4j_log "ERROR: Maven build of the Neo4j service failed (or exceeded ${start_timeout}s)."
    rm -f "$cp_file"
    NEO4J_LOG_FILE="$build_log" neo4j_log_tail 40
    exit 1
  fi
  neo4j_log "classpath ready after $((SECONDS - t_start))s"
fi

# --- launch -------------------------------------------------------------------
java_opts=(
  "-Xmx$heap"
  -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow -XX:+ExitOnOutOfMemoryError
  -XX:+UnlockExperimentalVMOptions -XX:+TrustFinalNonStaticFields
  -XX:+DisableExplicitGC
  -Djdk.nio.maxCachedBufferSize=1024
  -Dio.netty.tryReflectionSetAccessible=true
  -Dlog4j2.disable.jmx=true
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED
  "-Dtrendgraph.neo4j.home=$NEO4J_DATA_DIR"
  "-Dtrendgraph.neo4j.logs=$NEO4J_RUN_DIR/logs"
)
# shellcheck disable=SC2206  # word-splitting of user-supplied extra flags is intended
extra_opts=(${NEO4J_JAVA_OPTS:-})

export NEO4J_HOST NEO4J_PORT
cd "$NEO4J_DIR"
nohup java "${java_opts[@]}" "${extra_opts[@]}" \
  -cp "$target/classes:$(cat "$cp_file")" "$NEO4J_MAIN_CLASS" \
  >>"$NEO4J_LOG_FILE" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$NEO4J_PID_FILE"
neo4j_log "started JVM pid $pid (heap max $heap, log $NEO4J_LOG_FILE); waiting for Bolt on $NEO4J_HOST:$NEO4J_PORT"

remaining=$((start_timeout - (SECONDS - t_start)))
((remaining < 30)) && remaining=30
if ! "$NEO4J_DIR/wait.sh" "$remaining"; then
  neo4j_log "ERROR: Neo4j did not become ready; stopping pid $pid."
  "$NEO4J_DIR/stop.sh" >/dev/null 2>&1 || true
  exit 1
fi
neo4j_log "ready after $((SECONDS - t_start))s: bolt://$NEO4J_HOST:$NEO4J_PORT (user neo4j), pid $pid"
