package com.example.posts.stack;

import static com.example.posts.stack.FrontDoorClient.raw;
import static com.example.posts.stack.FrontDoorClient.request;
import static com.example.posts.stack.FrontDoorClient.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.ResetDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The front door forwards an allow-list of the service's own paths. On the farm, where every Tomcat runs
 * the Manager and, for these tests, a deploy's candidate beside the service, every other path answers
 * nginx's JSON 404, however it is spelt. Each request is sent exactly as written here: no client
 * normalises it on the way.
 */
@ResetDatabase(ResetDatabase.Before.ALL_TESTS)
class FrontDoorPathsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Tomcat's Manager, whose password deploys any WAR. */
    static final List<String> MANAGER_SPELLINGS = List.of(
            "/manager/text/list",
            "/manager/html",
            "/Manager/text/list",
            "/MANAGER/text/list",
            "//manager/text/list",
            "/./manager/text/list",
            "/posts/../manager/text/list",
            "/app/../manager/text/list",
            "/%6danager/text/list",
            "/%6D%61%6E%61%67%65%72/text/list",
            "/%2e/manager/text/list",
            "/posts/%2e%2e/manager/text/list",
            "/posts/%2E%2E/manager/text/list",
            "/posts/..%2fmanager/text/list",
            "/posts%2F..%2Fmanager/text/list",
            "/%2fmanager/text/list",
            "/;/manager/text/list",
            "/.;/manager/text/list",
            "/..;/manager/text/list",
            "/manager;x=y/text/list",
            "/posts/..;/manager/text/list",
            "/app/..;/manager/text/list",
            "/%3B/manager/text/list",
            "/posts\\..\\manager/text/list",
            "/posts/..%5Cmanager%5Ctext%5Clist",
            "/docs/..%5C..%5Cmanager%5Chtml");

    /** The version a deploy checks beside the service: its whole API, writes included. */
    static final List<String> CANDIDATE_SPELLINGS = List.of(
            "/posts-candidate/health",
            "/posts-candidate/posts/1",
            "/POSTS-CANDIDATE/health",
            "//posts-candidate/health",
            "/posts%2Dcandidate/posts/1",
            "/posts/../posts-candidate/health",
            "/posts/%2e%2e/posts-candidate/health",
            "/;/posts-candidate/health",
            "/.;/posts-candidate/health",
            "/;x=1/posts-candidate/health",
            "/posts-candidate;x/health",
            "/posts-candidate;jsessionid=1/posts/1",
            "/%3B/posts-candidate/health",
            "/%2e;/posts-candidate/health");

    /** Metrics are scraped from each Tomcat directly, never through the front door. */
    static final List<String> METRICS_SPELLINGS = List.of(
            "/metrics",
            "/METRICS",
            "//metrics",
            "/%6detrics",
            "/posts/../metrics",
            "/metrics;x",
            "/;/metrics",
            "/metrics/",
            "/health/../metrics");

    /** Other paths that are not the service's. */
    static final List<String> OTHER_SPELLINGS = List.of(
            "/nowhere",
            "/host-manager/html",
            "/examples/",
            "/posts/1/",
            "/posts/1;v=2",
            "/posts;x=1",
            "/health/",
            "/health;x",
            "/WEB-INF/web.xml",
            "/META-INF/context.xml",
            "/me/",
            "/me;x",
            "/authors/",
            "/authors;x/1",
            "/authors/x",
            "/authors/1/tokens/short",
            "/authors/1/tokens/AbC123def456/x",
            "/%41uthors/1");

    /** The authors' API: each needs a token, but reaches the app, whatever the app then answers. */
    static final List<String> AUTHOR_REQUESTS = List.of(
            "GET /me",
            "GET /authors",
            "POST /authors",
            "GET /authors/1",
            "POST /authors/1/disable",
            "GET /authors/1/tokens",
            "POST /authors/1/tokens",
            "DELETE /authors/1/tokens/AbC123def456",
            "GET /%61uthors/1",
            "GET /authors/2/../1/tokens");

    /** The service's own paths: they still reach it. */
    static final List<String> SERVICE_PATHS = List.of(
            "/",
            "/posts",
            "/posts/1",
            "/post/1",
            "/health",
            "/health/ready",
            "/health/live",
            "/docs",
            "/openapi.json",
            "/openapi.yaml",
            "/app/",
            "/app/app.js");

    private static final Farm FARM = Farm.shared();

    @BeforeAll
    static void deployACandidateOnEveryServer() {
        // On every server, so that without the front door's rule any of them would answer.
        for (TomcatServer server : FARM.servers()) {
            String deployed = server.manager("deploy?path=/posts-candidate&war=file:" + TestedStack.war());
            assertTrue(deployed.startsWith("OK"), deployed);
            assertEquals(200, Farm.get(server.uri().resolve("posts-candidate/health")).statusCode());
        }
    }

    @AfterAll
    static void undeployTheCandidates() {
        FARM.servers().forEach(server -> server.manager("undeploy?path=/posts-candidate"));
    }

    @Test
    void theManagerIsNotFoundHoweverItIsSpelt() throws IOException {
        assertEverySpellingIsNginxsNotFound(MANAGER_SPELLINGS);
    }

    @Test
    void theCandidateIsNotFoundHoweverItIsSpelt() throws IOException {
        assertEverySpellingIsNginxsNotFound(CANDIDATE_SPELLINGS);
    }

    @Test
    void metricsAreNotFoundHoweverTheyAreSpelt() throws IOException {
        assertEverySpellingIsNginxsNotFound(METRICS_SPELLINGS);
    }

    @Test
    void otherPathsAreNotFound() throws IOException {
        assertEverySpellingIsNginxsNotFound(OTHER_SPELLINGS);
    }

    @Test
    void pathsAboveTheRootAreMalformed() throws IOException {
        for (String path : List.of("/docs/../../etc/passwd", "/posts/%2e%2e/%2e%2e/manager/text/list")) {
            String answer = send("GET", path);

            assertEquals(400, status(answer), path + ":\n" + answer);
            assertTrue(answer.contains("\r\nContent-Type: application/problem+json"), path + ":\n" + answer);
        }
    }

    @Test
    void writesToPathsOutsideTheListAreNotFoundEither() throws IOException {
        for (String path : List.of("/manager/text/deploy?path=/x", "/posts-candidate/posts", "/;/posts-candidate/posts")) {
            String answer = send("PUT", path);

            assertEquals(404, status(answer), path + ":\n" + answer);
        }
    }

    @Test
    void theServicesOwnPathsAnswer() throws IOException {
        for (String path : SERVICE_PATHS) {
            String answer = send("GET", path);

            assertEquals(200, status(answer), path + ":\n" + answer);
        }
    }

    @Test
    void theAuthorsRequestsReachTheApp() throws IOException {
        for (String request : AUTHOR_REQUESTS) {
            String requestId = "authors-" + AUTHOR_REQUESTS.indexOf(request);
            String[] line = request.split(" ");
            URI front = FARM.frontDoor().uri();

            String answer = raw(TestedStack.APP_ADDRESS, front, request(line[0], line[1],
                    "Host: " + front.getHost() + ":" + front.getPort(), "Content-Length: 0",
                    "X-Request-Id: " + requestId));

            assertTrue(aServerLogged(requestId), request + " did not reach the app:\n" + answer);
        }
    }

    /** Whether a Tomcat of the farm logged the request, which it does once it has answered. */
    private static boolean aServerLogged(String requestId) throws IOException {
        Instant deadline = Instant.now().plusSeconds(10);
        do {
            for (TomcatServer server : FARM.servers()) {
                List<String> lines = Files.readAllLines(server.accessLog());
                if (lines.stream().anyMatch(line -> line.endsWith(" rid=" + requestId))) {
                    return true;
                }
            }
            FreePort.pause();
        } while (Instant.now().isBefore(deadline));
        return false;
    }

    private static void assertEverySpellingIsNginxsNotFound(List<String> paths) throws IOException {
        for (String path : paths) {
            String answer = send("GET", path);

            assertEquals(404, status(answer), path + ":\n" + answer);
            assertTrue(answer.contains("\r\nContent-Type: application/problem+json"), path + ":\n" + answer);
            JsonNode problem = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertEquals("There is nothing at this path", problem.get("detail").asText(), path);
        }
    }

    private static String send(String method, String path) throws IOException {
        URI front = FARM.frontDoor().uri();
        return raw(TestedStack.APP_ADDRESS, front, request(method, path,
                "Host: " + front.getHost() + ":" + front.getPort(), "Content-Length: 0"));
    }
}
