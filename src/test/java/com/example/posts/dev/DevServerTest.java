package com.example.posts.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.config.DatabaseSettings;
import com.example.posts.support.TestDatabase;
import com.example.posts.support.TestDatabaseServer;
import com.example.posts.web.AppPageHeaders;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's first command: sample posts on the first start on a database only, and data that survives a
 * restart. The dev run is pointed by MYSQL_* at a new database on the tests' own server, as a developer points
 * it at theirs, so no second server starts.
 */
class DevServerTest {
    private static final String TOKEN = "dev-server-test-token-Q7vN2xKc9RmT4bLp";
    /** Not used: MYSQL_* name a server, so no embedded one starts. */
    private static final Path NO_DATA_DIR = Path.of("target", "dev-server-test-unused");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final TestDatabaseServer server = TestDatabase.shared().server();
    private final String database = "posts_dev_" + UUID.randomUUID().toString().substring(0, 8);
    private DevSettings settings;

    @BeforeEach
    void newDatabase() {
        DatabaseSettings db = server.createDatabase(database);
        settings = DevSettings.fromEnvironment(Map.of("PORT", "0", "POSTS_API_TOKEN", TOKEN,
                "MYSQL_HOST", db.host(), "MYSQL_PORT", Integer.toString(db.port()), "MYSQL_USER", db.user(),
                "MYSQL_PASS", db.password(), "MYSQL_DB", db.database()));
    }

    @AfterEach
    void dropDatabase() {
        server.dropDatabase(database);
    }

    @Test
    void seedsOnceAndKeepsDataAcrossRestarts() throws Exception {
        try (DevServer first = DevServer.start(settings, NO_DATA_DIR)) {
            assertEquals(200, get(first, "posts/2").statusCode());
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(first.uri().resolve("posts"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"kept\",\"author_email\":\"k@b.co\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
        }

        try (DevServer second = DevServer.start(settings, NO_DATA_DIR)) {
            HttpResponse<String> kept = get(second, "posts/3");
            assertEquals(200, kept.statusCode());
            assertTrue(kept.body().contains("\"content\":\"kept\""), kept.body());
            assertEquals(404, get(second, "posts/4").statusCode(), "the sample posts are not inserted again");
            assertFalse(Files.exists(NO_DATA_DIR), "no embedded server started");
        }
    }

    @Test
    void eachStartIssuesTheSampleAuthorAFreshTokenThatOwnsTheSamplePosts() throws Exception {
        String firstToken;
        try (DevServer first = DevServer.start(settings, NO_DATA_DIR)) {
            firstToken = first.sampleAuthorToken();
            assertTrue(me(first, firstToken).body().contains("\"email\":\"" + SampleAuthor.EMAIL + "\""));
        }
        try (DevServer second = DevServer.start(settings, NO_DATA_DIR)) {
            String secondToken = second.sampleAuthorToken();
            assertFalse(secondToken.equals(firstToken));
            HttpResponse<String> me = me(second, secondToken);
            assertEquals(200, me.statusCode(), me.body());
            assertEquals(me.body().replaceAll(".*\"author\":\\{\"id\":(\\d+).*", "$1"),
                    me(second, firstToken).body().replaceAll(".*\"author\":\\{\"id\":(\\d+).*", "$1"),
                    "one sample author, made once");
            HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(second.uri().resolve("posts/1"))
                    .header("Authorization", "Bearer " + secondToken).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(204, deleted.statusCode(), "the sample author owns the sample post 1: " + deleted.body());
        }
    }

    private HttpResponse<String> me(DevServer dev, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(dev.uri().resolve("me")).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheBrowserPageWithTheHeadersOfTheWar() throws Exception {
        try (DevServer dev = DevServer.start(settings, NO_DATA_DIR)) {
            HttpResponse<String> page = get(dev, "app/");
            HttpResponse<String> script = get(dev, "app/app.js");

            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<script type=\"module\" src=\"app.js\"></script>"), page.body());
            for (HttpResponse<String> response : List.of(page, script)) {
                assertEquals(AppPageHeaders.CONTENT_SECURITY_POLICY,
                        response.headers().firstValue("Content-Security-Policy").orElse(null));
                assertEquals("no-cache", response.headers().firstValue("Cache-Control").orElse(null));
                assertTrue(response.headers().firstValue("Last-Modified").isPresent(), response.headers().toString());
            }
            String etag = page.headers().firstValue("ETag").orElseThrow();
            HttpResponse<String> again = http.send(HttpRequest.newBuilder(dev.uri().resolve("app/"))
                    .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(304, again.statusCode());
            assertEquals("Hello World!", get(dev, "").body());
        }
    }

    private HttpResponse<String> get(DevServer server, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

}
