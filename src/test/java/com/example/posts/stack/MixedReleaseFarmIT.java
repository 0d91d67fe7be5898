package com.example.posts.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.ResetDatabase;
import com.example.posts.support.TestDatabase;
import com.example.posts.support.TestToken;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A farm half-way through a rolling deploy, or after a rollback: one Tomcat on the previous release, one on
 * this one, on the schema this one migrated. The previous release does not know author tokens (401), and the
 * service token writes on both. The previous release's WAR is built from git history by
 * ci/previous-release-on-new-schema.sh, which runs this test with {@code posts.previous.war}; without it the
 * test is skipped, saying so.
 */
@ResetDatabase
class MixedReleaseFarmIT {
    private static final String PREVIOUS_WAR = "posts.previous.war";
    private final FrontDoorClient client = new FrontDoorClient();

    private HttpResponse<String> send(URI server, String method, String path, String body, String token)
            throws Exception {
        return client.send(server, method, path, body, "Authorization", "Bearer " + token,
                "Content-Type", "application/json");
    }

    private static TomcatServer start(String name, Path war) {
        Path home = TestedStack.tomcat11Home();
        return TomcatServer.start(TomcatSettings.of(home, Path.of("target/stack", name).toAbsolutePath(),
                TestDatabase.shared().server().settings()).withWar(war));
    }

    @Test
    void serversOnThePreviousReleaseAnswerAuthorTokensWith401() throws Exception {
        String previousWar = System.getProperty(PREVIOUS_WAR, "");
        Assumptions.assumeTrue(!previousWar.isBlank(), "no previous release's WAR: " + PREVIOUS_WAR
                + " is set by ci/previous-release-on-new-schema.sh, which builds it from git history");
        assertTrue(Files.isRegularFile(Path.of(previousWar)), previousWar);
        CompletableFuture<TomcatServer> startingPrevious = CompletableFuture.supplyAsync(
                () -> start("mixed-previous", Path.of(previousWar)));
        try (TomcatServer current = start("mixed-current", TestedStack.war());
             TomcatServer previous = startingPrevious.join()) {
            String post = "{\"content\":\"mid-deploy\",\"author_email\":\"ann@example.com\"}";
            HttpResponse<String> author = send(current.uri(), "POST", "authors",
                    "{\"email\":\"ann@example.com\",\"display_name\":\"Ann\"}", TestToken.VALUE);
            Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(author.body());
            assertTrue(id.find(), author.body());
            HttpResponse<String> issued = send(current.uri(), "POST", "authors/" + id.group(1) + "/tokens",
                    "{\"label\":\"laptop\"}", TestToken.VALUE);
            Matcher token = Pattern.compile("\"token\":\"(pst_[^\"]+)\"").matcher(issued.body());
            assertTrue(token.find(), issued.body());

            assertEquals(201, send(current.uri(), "POST", "posts", post, token.group(1)).statusCode());
            assertEquals(401, send(previous.uri(), "POST", "posts", post, token.group(1)).statusCode());
            assertEquals(404, send(previous.uri(), "GET", "me", null, TestToken.VALUE).statusCode(),
                    "what the page reads as a server that does not know authors yet");
            assertEquals(201, send(previous.uri(), "POST", "posts", post, TestToken.VALUE).statusCode(),
                    "the service token writes on both");
        }
    }
}
