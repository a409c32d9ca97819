#!/usr/bin/env bash
# Load the files of `trendgraph ingest PATH --bulk-neo4j DIR` into the local Neo4j's
# database with the import tool of the same Neo4j 5.26 jars (org.neo4j.cli.AdminTool,
# i.e. `neo4j-admin database import full`), then leave the server stopped.
#
#   services/neo4j/import.sh DIR [--overwrite-destination]
#
# The server must be stopped (services/neo4j/stop.sh). The tool only fills a database
# that does not exist yet: on a data folder that has one, this refuses unless
# --overwrite-destination is given, which you pass only for a database you checked is
# empty (`trendgraph ingest --bulk-neo4j DIR --store bolt://...` checks it for you).
# After the import, start the server (start.sh); trendgraph creates the constraints and
# indexes on its first write; re-running the same ingest (every document is skipped)
# creates them at the cost of reading the files.
#
# Env: NEO4J_DATA_DIR, NEO4J_RUN_DIR (as start.sh), NEO4J_IMPORT_HEAP (1g).
# Exit codes: 0 imported, 1 refused or failed, 3 java or mvn missing.
set -euo pipefail
NEO4J_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$NEO4J_DIR/lib.sh"
neo4j_require_tools

folder="${1:?usage: import.sh DIR [--overwrite-destination]}"
overwrite="${2:-}"
args_file="$(cd "$folder" 2>/dev/null && pwd)/import.args"
if [[ ! -s "$args_file" ]]; then
  neo4j_log "ERROR: $folder has no import.args; write the files with: trendgraph ingest PATH --bulk-neo4j $folder"
  exit 1
fi
if neo4j_pid_is_ours "$(neo4j_recorded_pid)"; then
  neo4j_log "ERROR: the Neo4j of $NEO4J_DATA_DIR is running; stop it first (services/neo4j/stop.sh)."
  exit 1
fi
database_dir="$NEO4J_DATA_DIR/data/databases/neo4j"
extra=()
if [[ -d "$database_dir" ]]; then
  if [[ "$overwrite" != "--overwrite-destination" ]]; then
    neo4j_log "ERROR: $NEO4J_DATA_DIR already has a database 'neo4j'. The import tool only loads a new database; if it is empty, run again with --overwrite-destination (its files are replaced), or point NEO4J_DATA_DIR at a new folder."
    exit 1
  fi
  extra+=(--overwrite-destination=true)
fi

cp_file="$NEO4J_DIR/target/classpath.txt"
if [[ ! -s "$cp_file" ]]; then
  neo4j_log "building classpath with Maven"
  mvn -B -q -f "$NEO4J_DIR/pom.xml" ${NEO4J_MVN_OPTS:-} compile dependency:build-classpath \
    "-Dmdep.outputFile=$cp_file" >&2
fi
mkdir -p "$NEO4J_DATA_DIR" "$NEO4J_RUN_DIR"
report="$NEO4J_RUN_DIR/import.report"
t_start=$SECONDS
NEO4J_HOME="$NEO4J_DATA_DIR" java "-Xmx${NEO4J_IMPORT_HEAP:-1g}" \
  -cp "$NEO4J_DIR/target/classes:$(cat "$cp_file")" org.neo4j.cli.AdminTool \
  database import full neo4j "@$args_file" "--report-file=$report" "${extra[@]}" >&2
neo4j_log "imported $folder into $NEO4J_DATA_DIR in $((SECONDS - t_start))s (report: $report)"
