package trendgraph;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import inet.ipaddr.IPAddressString;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.internal.kernel.api.connectioninfo.ClientConnectionInfo;
import org.neo4j.internal.kernel.api.security.AuthenticationResult;
import org.neo4j.internal.kernel.api.security.LoginContext;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.api.security.AuthManager;
import org.neo4j.kernel.api.security.AuthToken;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Local / CI Neo4j for trendgraph: the real Neo4j Community kernel, Cypher runtime
 * and Bolt connector, embedded in one JVM.
 *
 * <p>Configuration (environment, then system properties set by start.sh):
 * <ul>
 *   <li>NEO4J_PORT (default 7687): Bolt port, bound on 127.0.0.1 (NEO4J_HOST overrides).</li>
 *   <li>NEO4J_PASSWORD (default trendgraph-dev): password of user "neo4j", enforced on
 *       every start (checked, and changed with ALTER USER on the system database when it
 *       differs); auth is always on.</li>
 *   <li>NEO4J_PAGECACHE (default 512m): page cache size.</li>
 *   <li>-Dtrendgraph.neo4j.home: data folder (default ./data); -Dtrendgraph.neo4j.logs: logs
 *       folder (default ./run/logs, holds debug.log).</li>
 * </ul>
 *
 * <p>start.sh waits for the line starting with {@link #READY_MARKER} on stdout; it is only
 * printed once the password is in place, so a client that connects after it never sees the
 * factory default credentials.
 */
public final class Neo4jServer {

    public static final String READY_MARKER = "TRENDGRAPH-NEO4J-READY";

    private static final PrintStream OUT = System.out;

    /** Procedures loaded at all: schema reads, full-text search, and the index wait on writes. */
    private static final List<String> PROCEDURE_ALLOWLIST = List.of(
            "db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.*",
            "db.index.fulltext.queryNodes", "db.index.fulltext.queryRelationships",
            "db.awaitIndexes");

    private Neo4jServer() {}

    private static String env(String name, String def) {
        String v = System.getenv(name);
        return (v == null || v.isBlank()) ? def : v.trim();
    }

    private static void say(String msg) {
        OUT.println("trendgraph-neo4j: " + msg);
        OUT.flush();
    }

    public static void main(String[] args) throws Exception {
        String host = env("NEO4J_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("NEO4J_PORT", "7687"));
        String password = System.getenv("NEO4J_PASSWORD"); // used verbatim, never trimmed or logged
        if (password == null || password.isEmpty()) {
            password = "trendgraph-dev";
        }
        long pageCache = ByteUnit.parse(env("NEO4J_PAGECACHE", "512m"));
        Path home = Path.of(System.getProperty("trendgraph.neo4j.home", "data")).toAbsolutePath().normalize();
        Path logs = Path.of(System.getProperty("trendgraph.neo4j.logs", "run/logs")).toAbsolutePath().normalize();

        if (password.length() < 8) {
            say("ERROR: NEO4J_PASSWORD must be at least 8 characters (Neo4j's minimum).");
            System.exit(2);
        }
        Files.createDirectories(home);
        Files.createDirectories(logs);

        say("starting Neo4j " + neo4jVersion() + " (Community), home=" + home + ", logs=" + logs
                + ", bolt=" + host + ":" + port + ", pagecache=" + pageCache / (1024 * 1024) + "m, heap(max)="
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m");

        long t0 = System.nanoTime();
        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                    .setUserLogProvider(new Log4jLogProvider(OUT, Level.INFO))
                    .setConfig(GraphDatabaseSettings.logs_directory, logs)
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                    // No anonymous usage reports: this machine only talks to loopback.
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    // Small transaction-log footprint for a dev/CI store (defaults preallocate
                    // 256 MiB per database and keep two days of logs).
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(64))
                    .setConfig(GraphDatabaseSettings.keep_logical_logs, "256M size")
                    // The console is read-only, and reads must not leave the graph: no LOAD CSV
                    // from the server's files (its environment holds the password) or from any
                    // URL, no import folder, and only the procedures trendgraph itself calls.
                    .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                    .setConfig(GraphDatabaseSettings.load_csv_file_url_root, home.resolve("no-import"))
                    .setConfig(GraphDatabaseSettings.procedure_allowlist, PROCEDURE_ALLOWLIST)
                    .setConfig(GraphDatabaseInternalSettings.cypher_ip_blocklist,
                            List.of(new IPAddressString("0.0.0.0/0"), new IPAddressString("::/0")))
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .build();
        } catch (RuntimeException e) {
            e.printStackTrace(OUT);
            say("ERROR: Neo4j failed to start: " + rootMessage(e));
            OUT.flush();
            System.exit(1); // does not wait for any Neo4j threads still alive
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("shutdown requested, stopping Neo4j");
            try {
                dbms.shutdown();
                say("stopped cleanly");
            } catch (Throwable e) {
                say("error during shutdown: " + e);
            } finally {
                stopped.countDown();
            }
        }, "trendgraph-neo4j-shutdown"));

        say("Neo4j kernel and Bolt up after " + (System.nanoTime() - t0) / 1_000_000 + " ms; applying password");
        try {
            setPassword(dbms, password);
        } catch (RuntimeException e) {
            say("ERROR: could not set the password of user neo4j: " + e);
            System.exit(1);
        }

        long ms = (System.nanoTime() - t0) / 1_000_000;
        say(READY_MARKER + " Bolt on bolt://" + host + ":" + port + " (user neo4j), started in " + ms + " ms");
        stopped.await();
    }

    /**
     * Applies NEO4J_PASSWORD to user neo4j (idempotent) and clears "change required".
     *
     * <p>Checking the stored password first through the auth manager avoids a Cypher
     * round-trip on the system database on every restart (the first Cypher query of a
     * fresh JVM costs several seconds on a 2-core machine).
     */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        if (passwordAlreadyActive(system, password)) {
            say("password of user neo4j unchanged (already matches NEO4J_PASSWORD)");
            return;
        }
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
            say("password of user neo4j set from NEO4J_PASSWORD");
        } catch (RuntimeException e) {
            String msg = e.getMessage() + " " + (e.getCause() == null ? "" : e.getCause().getMessage());
            if (!msg.contains("cannot be the same")) {
                throw e;
            }
            // Same password as already stored: only make sure no change is required.
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD CHANGE NOT REQUIRED");
            say("password of user neo4j unchanged (already matches NEO4J_PASSWORD)");
        }
    }

    /** True if logging in as neo4j with this password succeeds without a required change. */
    private static boolean passwordAlreadyActive(GraphDatabaseService system, String password) {
        try {
            AuthManager auth = ((GraphDatabaseAPI) system).getDependencyResolver().resolveDependency(AuthManager.class);
            LoginContext login = auth.login(
                    AuthToken.newBasicAuthToken("neo4j", password.getBytes(StandardCharsets.UTF_8)),
                    ClientConnectionInfo.EMBEDDED_CONNECTION);
            return login.subject().getAuthenticationResult() == AuthenticationResult.SUCCESS;
        } catch (Exception | LinkageError e) {
            return false; // fall back to ALTER USER, which is always correct
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static String neo4jVersion() {
        return org.neo4j.kernel.internal.Version.getNeo4jVersion();
    }
}
