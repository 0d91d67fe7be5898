package com.example.posts.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.TestDatabase;
import com.example.posts.support.TestToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ci/deploy-tomcat.sh against a farm of two real Tomcat 11 servers with the Manager enabled. */
class DeployTomcatScriptIT {
    private static final Path WARS = Path.of("target/deploy-wars").toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final List<TomcatServer> FARM = new ArrayList<>();

    @BeforeAll
    static void startFarm() {
        Path home = TestedStack.tomcat11Home();
        // Both servers start at once: each spends most of its start waiting on its own JVM.
        List<CompletableFuture<TomcatServer>> starting = Stream.of("farm-a", "farm-b")
                .map(name -> CompletableFuture.supplyAsync(() -> TomcatServer.start(home, home.resolve("conf"),
                        home.resolve("webapps/manager"), Path.of("target/stack", name).toAbsolutePath(),
                        TestedStack.war(), TestedStack.APP_ADDRESS, "127[.]0[.]0[.]2",
                        TestDatabase.shared().server().settings(), TestToken.VALUE)))
                .toList();
        for (CompletableFuture<TomcatServer> tomcat : starting) {
            FARM.add(tomcat.join());
        }
    }

    @AfterAll
    static void stopFarm() {
        FARM.forEach(TomcatServer::close);
    }

    @BeforeEach
    void resetDatabase() {
        TestDatabase.shared().resetWithFixtures();
    }

    @Test
    void deploysAGoodWarToEveryServer() throws Exception {
        Path war = WarVariants.withVersion(TestedStack.war(), WARS.resolve("good.war"), "7.0.0-good");

        Result result = deploy(war, TomcatServer.MANAGER_PASSWORD);

        assertEquals(0, result.exitCode(), result.output());
        for (TomcatServer server : FARM) {
            assertEquals("7.0.0-good", versionOf(server));
            assertEquals(200, get(server.uri().resolve("posts/1")).statusCode());
        }
    }

    @Test
    void failedSmokeTestLeavesEveryServerOnThePreviousVersion() throws Exception {
        Path previous = WarVariants.withVersion(TestedStack.war(), WARS.resolve("previous.war"), "8.0.0-previous");
        assertEquals(0, deploy(previous, TomcatServer.MANAGER_PASSWORD).exitCode());
        Path broken = WarVariants.failingSmokeTest(TestedStack.war(), WARS.resolve("broken.war"), "8.1.0-broken");

        Result result = deploy(broken, TomcatServer.MANAGER_PASSWORD);

        assertEquals(1, result.exitCode(), "1: failed and rolled back\n" + result.output());
        assertTrue(result.output().contains("rolled back"), result.output());
        assertFalse(result.output().contains("ROLLBACK FAILED") || result.output().contains("NOT rolled back"), result.output());
        for (TomcatServer server : FARM) {
            assertEquals("8.0.0-previous", versionOf(server), result.output());
            assertEquals(200, get(server.uri().resolve("posts/1")).statusCode());
        }
    }

    @Test
    void wrongManagerPasswordFailsFastAndChangesNothing() throws Exception {
        List<String> before = new ArrayList<>();
        for (TomcatServer server : FARM) {
            before.add(versionOf(server));
        }
        Path war = WarVariants.withVersion(TestedStack.war(), WARS.resolve("unwanted.war"), "9.0.0-unwanted");

        Instant start = Instant.now();
        Result result = deploy(war, "not-the-password");

        assertNotEquals(0, result.exitCode());
        assertTrue(result.output().contains("refused the manager credentials"), result.output());
        assertTrue(Duration.between(start, Instant.now()).compareTo(Duration.ofSeconds(20)) < 0, "fails fast");
        for (int i = 0; i < FARM.size(); i++) {
            assertEquals(before.get(i), versionOf(FARM.get(i)));
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result deploy(Path war, String password) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "ci/deploy-tomcat.sh", war.toString()));
        FARM.forEach(server -> command.add(server.uri().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TOMCAT_MANAGER_USER", TomcatServer.MANAGER_USER);
        builder.environment().put("TOMCAT_MANAGER_PASSWORD", password);
        // The Manager answers once the WAR has started: a good version is UP at once, a broken one never is.
        builder.environment().put("SMOKE_TIMEOUT", "10");
        // The farm here answers on loopback over http; real Managers are reached over https only.
        builder.environment().put("DEPLOY_ALLOW_HTTP", "yes");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the script did not finish:\n" + output);
        return new Result(process.exitValue(), output);
    }

    private static String versionOf(TomcatServer server) throws IOException, InterruptedException {
        String body = get(server.uri().resolve("health")).body();
        return body.replaceAll(".*\"version\":\"([^\"]*)\".*", "$1");
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
