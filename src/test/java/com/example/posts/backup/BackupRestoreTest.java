package com.example.posts.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.ApplicationSettings;
import com.example.posts.PostsApplication;
import com.example.posts.config.ApiToken;
import com.example.posts.config.DatabaseSettings;
import com.example.posts.contract.ApiTestCase;
import com.example.posts.db.ConnectionPool;
import com.example.posts.db.Database;
import com.example.posts.db.SchemaMigration;
import com.example.posts.support.TestDatabase;
import com.example.posts.support.TestDatabaseServer;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ops/backup.sh on the live test database while numbered writes run, then ops/restore.sh into a new database
 * that the service then serves: every write acknowledged before the backup began is there, the numbered posts
 * form a gap-free prefix, each restored post (JSON and ETag) is a version that existed, and new posts continue
 * above the old ids. A dump changed after the backup is refused before anything is written.
 */
class BackupRestoreTest extends ApiTestCase {
    private static final String RESTORED = "posts_restored";
    /** Bounds the load: the writes stop when the backup has finished, or at this count. */
    private static final int MOST_WRITES = 5_000;
    private static final int WRITES_BEFORE_THE_BACKUP = 50;
    private static final Pattern NUMBERED = Pattern.compile("numbered (\\d+)(, edited)?");

    /** Every version of every post that the service answered with: its JSON and its ETag. */
    private final Map<Integer, List<Version>> versions = new ConcurrentHashMap<>();
    private TestDatabaseServer server;
    /** RESTORED as this test JVM's server names it (see TestDatabaseServer#scoped). */
    private String restored;
    @TempDir
    Path backups;

    private record Version(JsonNode post, String etag) {
    }

    @BeforeAll
    static void requireTheTools() throws Exception {
        OpsScript.requireTheTools();
    }

    @BeforeEach
    void newEmptyDatabaseToRestoreInto() {
        server = TestDatabase.shared().server();
        server.dropDatabase(RESTORED);
        restored = server.createDatabase(RESTORED).database();
    }

    @AfterEach
    void dropRestoredDatabase() {
        server.dropDatabase(RESTORED);
    }

    @Test
    void aBackupUnderWriteLoadRestoresEveryAcknowledgedWriteAndOnlyVersionsThatExisted() throws Exception {
        List<Integer> special = List.of(record(target("posts/1").request().get(), 200),
                record(target("posts/2").request().get(), 200),
                create("Emoji take four bytes: \uD83D\uDE00\uD83D\uDC4D\uD83C\uDFFD"), create("x".repeat(65_535)),
                create("<script>alert('text, not markup')</script><b>&amp;</b>"));
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicBoolean backingUp = new AtomicBoolean(true);
        CountDownLatch underLoad = new CountDownLatch(WRITES_BEFORE_THE_BACKUP);
        CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
            for (int number = 1; number <= MOST_WRITES && backingUp.get(); number++) {
                writeNumbered(number);
                acknowledged.set(number);
                underLoad.countDown();
            }
        });
        assertTrue(underLoad.await(60, TimeUnit.SECONDS), "the load did not start");

        int acknowledgedBefore = acknowledged.get();
        OpsScript.Outcome backup;
        try {
            backup = ops(server.settings().database()).run("backup.sh", Map.of(), backups.toString());
        } finally {
            backingUp.set(false);
        }
        load.get(60, TimeUnit.SECONDS);
        System.out.println(backup.output().strip() + " (" + acknowledgedBefore + " numbered writes acknowledged "
                + "before it began, " + acknowledged.get() + " by its end)");
        assertEquals(0, backup.status(), backup.output());
        OpsScript.Outcome restore = ops(restored).run("restore.sh", Map.of(), OpsScript.dumpIn(backups).toString(), restored);
        System.out.println(restore.output().strip());
        assertEquals(0, restore.status(), restore.output());

        DatabaseSettings restoredSettings = settingsOf(restored);
        Flyway flyway = Flyway.configure()
                .dataSource(restoredSettings.migrationJdbcUrl(), restoredSettings.user(), restoredSettings.password())
                .locations(SchemaMigration.APPLICATION_MIGRATIONS).load();
        assertEquals(0, flyway.info().pending().length, "migrations pending on the restored database");
        assertTrue(flyway.validateWithResult().validationSuccessful, "Flyway validates the restored database");
        try (Database database = Database.open(ConnectionPool.connectionsFor(restoredSettings))) {
            HttpServer serving = serve(database);
            Client client = ClientBuilder.newClient();
            try {
                URI base = URI.create("http://127.0.0.1:" + serving.getListener("grizzly").getPort() + "/");
                TreeSet<Integer> ids = new TreeSet<>();
                TreeSet<Integer> numbers = new TreeSet<>();
                for (String id : idsIn(database)) {
                    Response read = client.target(base).path("posts/" + id).request().get();
                    assertEquals(200, read.getStatus());
                    Version restoredPost = new Version(body(read), read.getHeaderString(HttpHeaders.ETAG));
                    assertTrue(versions.getOrDefault(Integer.parseInt(id), List.of()).contains(restoredPost),
                            "post " + id + " as restored never existed: " + restoredPost);
                    ids.add(Integer.parseInt(id));
                    Matcher numbered = NUMBERED.matcher(restoredPost.post().get("content").asText());
                    if (numbered.matches()) {
                        numbers.add(Integer.parseInt(numbered.group(1)));
                    }
                }
                assertTrue(ids.containsAll(special), "restored ids " + ids + " lack one of " + special);
                assertTrue(numbers.size() >= acknowledgedBefore, numbers.size() + " numbered posts restored, "
                        + acknowledgedBefore + " acknowledged before the backup began");
                assertEquals(numbers.size(), numbers.last(), "numbered posts 1.." + numbers.last() + " without a gap");

                Response created = client.target(base).path("posts").request()
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN).post(json(newPost("after the restore")));
                assertEquals(201, created.getStatus());
                assertTrue(body(created).get("id").asInt() > ids.last(), "a new post continues above id " + ids.last());
            } finally {
                client.close();
                serving.shutdownNow();
            }
        }
    }

    @Test
    void aDumpChangedAfterTheBackupIsRefusedBeforeAnythingIsWritten() throws Exception {
        OpsScript.Outcome backup = ops(server.settings().database()).run("backup.sh", Map.of(), backups.toString());
        assertEquals(0, backup.status(), backup.output());
        Path dump = OpsScript.dumpIn(backups);
        byte[] bytes = Files.readAllBytes(dump);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(dump, bytes);

        OpsScript.Outcome restore = ops(restored).run("restore.sh", Map.of(), dump.toString(), restored);

        assertEquals(1, restore.status(), restore.output());
        assertTrue(restore.output().contains("does not match its checksum"), restore.output());
        assertEquals("0", TestDatabase.shared().firstValue("SELECT COUNT(*) FROM information_schema.tables "
                + "WHERE table_schema = '" + restored + "'"));
    }

    /** A new post numbered so; every fourth one, the one two before it is edited too. */
    private void writeNumbered(int number) {
        create("numbered " + number);
        if (number % 4 == 0) {
            int earlier = number - 2;
            Version before = latestOf(earlier);
            record(authorized("posts/" + before.post().get("id").asInt()).header(HttpHeaders.IF_MATCH, before.etag())
                    .put(json(newPost("numbered " + earlier + ", edited"))), 200);
        }
    }

    private Version latestOf(int number) {
        return versions.values().stream().map(list -> list.get(list.size() - 1))
                .filter(version -> version.post().get("content").asText().equals("numbered " + number))
                .findFirst().orElseThrow();
    }

    private int create(String content) {
        return record(authorized("posts").post(json(newPost(content))), 201);
    }

    /** Keeps the post as the service answered it, with the answer's ETag; returns its id. */
    private int record(Response response, int expectedStatus) {
        assertEquals(expectedStatus, response.getStatus());
        Version version = new Version(body(response), response.getHeaderString(HttpHeaders.ETAG));
        int id = version.post().get("id").asInt();
        versions.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(version);
        return id;
    }

    private static String newPost(String content) {
        return JSON.createObjectNode().put("content", content).put("author_email", "writer@example.com").toString();
    }

    private OpsScript ops(String database) {
        return new OpsScript(server.settings(), database);
    }

    private DatabaseSettings settingsOf(String database) {
        DatabaseSettings shared = server.settings();
        return new DatabaseSettings(shared.host(), shared.port(), shared.user(), shared.password(), database);
    }

    private static List<String> idsIn(Database database) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM post ORDER BY id")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static HttpServer serve(Database database) {
        PostsApplication application =
                new PostsApplication(ApplicationSettings.servingFrom(database, ApiToken.of(TOKEN)));
        return GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"),
                ResourceConfig.forApplication(application));
    }
}
