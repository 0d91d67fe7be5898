package com.example.posts.stack;

import static com.example.posts.stack.FrontDoorClient.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.stack.RecordingUpstream.Answer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * nginx in front of a farm (POSTS_UPSTREAM with several servers), each server a recording stand-in: requests
 * spread over all of them, reads fail over to another server, writes are never sent twice, and the app's
 * own 503 reaches the client as it is.
 */
class NginxFarmIT {
    private static final String PROBLEM_503 = "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\","
            + "\"status\":503,\"detail\":\"The database is unavailable; try again shortly\",\"request_id\":\"r1\"}";
    private static final Answer DATABASE_DOWN =
            new Answer(503, "application/problem+json", PROBLEM_503, Map.of("Retry-After", "5"));
    private static final Answer BAD_GATEWAY =
            new Answer(502, "application/problem+json", "{\"status\":502}", Map.of());
    private final FrontDoorClient client = new FrontDoorClient();

    private static NginxServer nginxBefore(String name, String upstreams) {
        return NginxServer.start(Path.of("target/stack/" + name).toAbsolutePath(), TestedStack.PROXY_ADDRESS,
                NginxServer.settings(upstreams, TestedStack.PROXY_ADDRESS, "100r/s", 100), null);
    }

    /** nginx before a farm whose first server is dead (nothing listens on its port), then {@code alive}. */
    private static NginxServer nginxBeforeADeadServerAnd(String name, String deadServerParameters,
                                                         RecordingUpstream alive) {
        int dead = FreePort.on(TestedStack.APP_ADDRESS);
        return nginxBefore(name, TestedStack.APP_ADDRESS + ":" + dead + deadServerParameters + ", "
                + alive.hostAndPort());
    }

    private HttpResponse<String> keyedPost(NginxServer nginx, String key) throws Exception {
        return client.send(nginx.uri(), "POST", "posts", "{}", "Content-Type", "application/json",
                "Idempotency-Key", key);
    }

    private static String listOf(RecordingUpstream... servers) {
        return Stream.of(servers).map(RecordingUpstream::hostAndPort).collect(Collectors.joining(", "));
    }

    @Test
    void requestsSpreadOverEveryServerOfTheList() throws Exception {
        try (RecordingUpstream one = RecordingUpstream.answering(TestedStack.APP_ADDRESS);
             RecordingUpstream two = RecordingUpstream.answering(TestedStack.APP_ADDRESS);
             NginxServer nginx = nginxBefore("nginx-farm-spread", listOf(one, two) + " weight=1")) {
            for (int i = 0; i < 10; i++) {
                assertEquals(200, client.send(nginx.uri(), "GET", "posts/1", null).statusCode());
            }

            assertEquals(5, one.received().size());
            assertEquals(5, two.received().size());
        }
    }

    @Test
    void readsAndKeyedPostsThatADeadServerCannotAnswerAreServedByAnother() throws Exception {
        try (RecordingUpstream alive = RecordingUpstream.answering(TestedStack.APP_ADDRESS);
             NginxServer nginx = nginxBeforeADeadServerAnd("nginx-farm-dead", "", alive)) {
            for (int i = 0; i < 10; i++) {
                assertEquals(200, client.send(nginx.uri(), "GET", "posts/1", null).statusCode());
                assertEquals(200, client.send(nginx.uri(), "HEAD", "posts/1", null).statusCode());
                assertEquals(200, keyedPost(nginx, "key-" + i).statusCode());
            }

            assertEquals(30, alive.received().size());
        }
    }

    @Test
    void aReadAnswered502IsTriedOnceMoreAndNoMore() throws Exception {
        try (RecordingUpstream one = RecordingUpstream.answering(TestedStack.APP_ADDRESS, BAD_GATEWAY);
             RecordingUpstream two = RecordingUpstream.answering(TestedStack.APP_ADDRESS, BAD_GATEWAY);
             RecordingUpstream three = RecordingUpstream.answering(TestedStack.APP_ADDRESS, BAD_GATEWAY);
             NginxServer nginx = nginxBefore("nginx-farm-tries", listOf(one, two, three))) {
            HttpResponse<String> response = client.send(nginx.uri(), "GET", "posts/1", null);

            assertEquals(502, response.statusCode());
            assertEquals(2, one.received().size() + two.received().size() + three.received().size());
        }
    }

    @Test
    void writesAreNeverSentTwice() throws Exception {
        try (RecordingUpstream one = RecordingUpstream.answering(TestedStack.APP_ADDRESS, BAD_GATEWAY);
             RecordingUpstream two = RecordingUpstream.answering(TestedStack.APP_ADDRESS, BAD_GATEWAY);
             NginxServer nginx = nginxBefore("nginx-farm-writes", listOf(one, two))) {
            for (String method : List.of("POST", "PUT", "DELETE")) {
                String path = method.equals("POST") ? "posts" : "posts/1";

                HttpResponse<String> response = client.send(nginx.uri(), method, path, "{}",
                        "Content-Type", "application/json");
                // A server's answer is not a failed try, whether or not the write carries a key.
                HttpResponse<String> keyed = client.send(nginx.uri(), method, path, "{}",
                        "Content-Type", "application/json", "Idempotency-Key", "k1");

                assertEquals(502, response.statusCode());
                assertEquals(502, keyed.statusCode());
                assertEquals(2, one.receivedWith(method) + two.receivedWith(method), method);
            }
        }
    }

    @Test
    void aKeyedPostThatAServerTookAndDiedOnIsSentToAnotherAndAPostWithoutAKeyIsNot() throws Exception {
        try (RecordingUpstream dying = RecordingUpstream.answering(TestedStack.APP_ADDRESS, Answer.HANG_UP);
             RecordingUpstream alive = RecordingUpstream.answering(TestedStack.APP_ADDRESS);
             NginxServer nginx = nginxBefore("nginx-farm-hang-up",
                     dying.hostAndPort() + " max_fails=0, " + alive.hostAndPort())) {
            List<Integer> keyed = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                keyed.add(keyedPost(nginx, "key-" + i).statusCode());
            }
            long keyedTakenByTheDying = dying.receivedWith("POST");
            List<Integer> unkeyed = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                unkeyed.add(client.send(nginx.uri(), "POST", "posts", "{}",
                        "Content-Type", "application/json").statusCode());
            }
            long unkeyedTakenByTheDying = dying.receivedWith("POST") - keyedTakenByTheDying;

            assertEquals(List.of(200, 200, 200, 200), keyed, "keyed POSTs");
            assertTrue(keyedTakenByTheDying > 0, "the dying server took keyed POSTs");
            assertTrue(unkeyedTakenByTheDying > 0, "the dying server took POSTs without a key");
            assertEquals(unkeyedTakenByTheDying, unkeyed.stream().filter(status -> status == 502).count(),
                    "each POST without a key that the dying server took failed, sent once: " + unkeyed);
        }
    }

    @Test
    void aPostWithoutAKeyAndAPutOrDeleteWithOneAreNeverSentAgainAfterADeadServer() throws Exception {
        try (RecordingUpstream alive = RecordingUpstream.answering(TestedStack.APP_ADDRESS);
             NginxServer nginx = nginxBeforeADeadServerAnd("nginx-farm-unkeyed", " max_fails=0", alive)) {
            for (String method : List.of("POST", "PUT", "DELETE")) {
                String path = method.equals("POST") ? "posts" : "posts/1";
                // The key makes no difference to PUT and DELETE (If-Match makes them safe), nor does its absence
                // to a POST: each is sent once; the one of each pair that meets the dead server fails.
                List<Integer> statuses = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    String[] headers = method.equals("POST")
                            ? new String[] {"Content-Type", "application/json"}
                            : new String[] {"Content-Type", "application/json", "Idempotency-Key", "key-" + i};
                    statuses.add(client.send(nginx.uri(), method, path, "{}", headers).statusCode());
                }

                assertEquals(1, alive.receivedWith(method), method + " answered " + statuses);
                assertTrue(statuses.contains(502), method + " answered " + statuses);
            }
        }
    }

    @Test
    void theAppsOwn503ReachesTheClientAsItIsAndMarksNoServerDown() throws Exception {
        try (RecordingUpstream one = RecordingUpstream.answering(TestedStack.APP_ADDRESS, DATABASE_DOWN);
             RecordingUpstream two = RecordingUpstream.answering(TestedStack.APP_ADDRESS, DATABASE_DOWN);
             NginxServer nginx = nginxBefore("nginx-farm-503", listOf(one, two))) {
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> response = client.send(nginx.uri(), "GET", "posts/1", null);

                assertEquals(503, response.statusCode());
                assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
                assertEquals(List.of("5"), response.headers().allValues("Retry-After"));
                assertEquals(PROBLEM_503, response.body());
            }

            // Each request went to a server once: none was retried, none was taken out of the farm.
            assertEquals(10, one.received().size() + two.received().size());
            assertTrue(one.received().size() >= 4 && two.received().size() >= 4);
        }
    }

    @Test
    void aFarmWithNoServerAnswerIsAJsonBadGateway() throws Exception {
        int dead = FreePort.on(TestedStack.APP_ADDRESS);
        try (NginxServer nginx = nginxBefore("nginx-farm-none", TestedStack.APP_ADDRESS + ":" + dead)) {
            assertProblem(client.send(nginx.uri(), "GET", "posts/1", null), 502);
        }
    }

    @Test
    void aMalformedServerListStopsTheStartNamingTheSetting() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> nginxBefore("nginx-farm-malformed", "127.0.0.1:8080; }").close());

        assertTrue(failure.getMessage().contains("POSTS_UPSTREAM"), failure.getMessage());
        assertTrue(failure.getMessage().contains("is not host:port"), failure.getMessage());
    }
}
