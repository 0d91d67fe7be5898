package com.example.posts.support;

import com.example.posts.ApplicationSettings;
import com.example.posts.PostsApplication;
import com.example.posts.config.ApiToken;
import com.example.posts.config.DatabaseSettings;
import com.example.posts.config.ReplicaSettings;
import com.example.posts.db.ConnectionPool;
import com.example.posts.db.Database;
import com.example.posts.db.DatabaseConnections;
import com.example.posts.post.Post;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A MariaDB primary with GTID replicas ({@link ReplicatedMariaDb}) and the application's Database over them,
 * opened as MYSQL_* and MYSQL_REPLICAS would open it, as the application's non-admin user, so a write that
 * reached a replica would fail there (read_only). The primary is reached through a {@link TcpProxy}: the
 * address an operator moves to a promoted replica. Register it as a static {@code @RegisterExtension}
 * field, or open it for the whole JVM.
 */
public final class ReplicatedDatabase implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    /** Every test server shares it; what the tests sign tokens with when they forge one. */
    public static final String TOKEN_KEY = "replica-tests-consistency-key-0123456789";
    private static final Duration CATCH_UP_BOUND = Duration.ofSeconds(20);

    private final int replicaCount;
    private final Map<String, String> replicaEnvironment;
    private ReplicatedMariaDb servers;
    private TcpProxy primaryAddress;
    private Database database;
    private DatabaseReset reset;
    private CsvFixtures fixtures;

    /** @param settings more POSTS_REPLICA_* settings, such as a shorter catch-up wait */
    public ReplicatedDatabase(int replicaCount, Map<String, String> settings) {
        this.replicaCount = replicaCount;
        this.replicaEnvironment = new HashMap<>(settings);
        this.replicaEnvironment.put(ReplicaSettings.KEY_VARIABLE, TOKEN_KEY);
    }

    /** Started now, for a whole JVM; closed at its exit. */
    public static ReplicatedDatabase startedForTheJvm(int replicaCount) {
        ReplicatedDatabase replicated = new ReplicatedDatabase(replicaCount, Map.of());
        replicated.start();
        Runtime.getRuntime().addShutdownHook(new Thread(replicated::close, "replicated-database-stop"));
        return replicated;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    private void start() {
        servers = ReplicatedMariaDb.start(replicaCount);
        DatabaseSettings direct = servers.appSettings(servers.primary());
        primaryAddress = new TcpProxy(direct.host(), direct.port());
        DatabaseSettings viaAddress = new DatabaseSettings("127.0.0.1", primaryAddress.port(), direct.user(),
                direct.password(), direct.database());
        DatabaseConnections connections = ConnectionPool.connectionsFor(viaAddress,
                ReplicaSettings.fromEnvironment(replicaEnvironment()).addresses());
        StatementLeakTracker.addTo(connections.requests());
        connections.replicas().values().forEach(StatementLeakTracker::addTo);
        database = Database.open(connections);
        reset = new DatabaseReset(database.dataSource());
        fixtures = new CsvFixtures(database.sessionFactory());
        awaitReplicasCaughtUp();
    }

    /** MYSQL_REPLICAS and the POSTS_REPLICA_* settings, as a server of the farm would have them. */
    private Map<String, String> replicaEnvironment() {
        Map<String, String> env = new HashMap<>(replicaEnvironment);
        env.put(ReplicaSettings.ADDRESSES_VARIABLE, String.join(",", servers.replicas().stream()
                .map(node -> node.host() + ":" + node.port()).toList()));
        return env;
    }

    /** The application on this database, reading from its replicas, writes authorised by {@code token}. */
    public PostsApplication application(ApiToken token) {
        return new PostsApplication(ApplicationSettings.servingFrom(database, token).withReplicas(replicaSettings()));
    }

    public ReplicaSettings replicaSettings() {
        return ReplicaSettings.fromEnvironment(replicaEnvironment());
    }

    public byte[] tokenKey() {
        return TOKEN_KEY.getBytes(StandardCharsets.UTF_8);
    }

    public ReplicatedMariaDb servers() {
        return servers;
    }

    public Database database() {
        return database;
    }

    /** The primary's address, which the runbook moves to a promoted replica. */
    public TcpProxy primaryAddress() {
        return primaryAddress;
    }

    /** Empties the tables, loads the standard fixtures, and waits until every replica has them. */
    public void resetWithFixtures() {
        reset.run();
        fixtures.load(Post.class, "fixtures/posts.csv");
        awaitReplicasCaughtUp();
    }

    public void awaitReplicasCaughtUp() {
        for (int i = 0; i < replicaCount; i++) {
            servers.awaitCaughtUp(i, CATCH_UP_BOUND);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        try {
            if (database != null) {
                database.close();
            }
            if (primaryAddress != null) {
                primaryAddress.close();
            }
        } finally {
            if (servers != null) {
                servers.close();
            }
        }
    }
}
