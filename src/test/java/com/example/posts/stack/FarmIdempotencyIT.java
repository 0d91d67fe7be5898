package com.example.posts.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.ResetDatabase;
import com.example.posts.support.TestDatabase;
import com.example.posts.support.TestToken;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An Idempotency-Key holds across the two-Tomcat farm: both servers share what a key created, and what is in
 * flight, through the database.
 */
@ResetDatabase
class FarmIdempotencyIT {
    private final Farm farm = Farm.shared();
    private final FrontDoorClient client = new FrontDoorClient();

    private HttpResponse<String> create(URI server, String key, String content) {
        try {
            return client.send(server, "POST", "posts",
                    "{\"content\":\"" + content + "\",\"author_email\":\"farm@example.com\"}",
                    "Authorization", "Bearer " + TestToken.VALUE, "Content-Type", "application/json",
                    "Idempotency-Key", key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int postsWith(String content) {
        return TestDatabase.shared().postIdsWithContent(content).size();
    }

    private static String locationPath(HttpResponse<String> response) {
        return URI.create(response.headers().firstValue("Location").orElseThrow()).getPath();
    }

    @Test
    void theSamePostWithOneKeySentToEachServerInTurnMakesOneRow() {
        String key = UUID.randomUUID().toString();
        List<TomcatServer> servers = farm.servers();

        HttpResponse<String> first = create(servers.get(0).uri(), key, "one row, two servers");
        HttpResponse<String> second = create(servers.get(1).uri(), key, "one row, two servers");

        assertEquals(201, first.statusCode(), first.body());
        assertEquals(201, second.statusCode(), second.body());
        assertEquals(first.body(), second.body());
        // Each server names itself in the Location; the post is the same.
        assertEquals(locationPath(first), locationPath(second));
        assertEquals(1, postsWith("one row, two servers"));
    }

    @Test
    void theSamePostWithOneKeySentToBothServersAtOnceMakesOneRow() throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(farm.servers().size());
        try {
            for (int round = 0; round < 5; round++) {
                String key = UUID.randomUUID().toString();
                String content = "at once " + round;
                CyclicBarrier together = new CyclicBarrier(farm.servers().size());
                List<Future<HttpResponse<String>>> sent = new ArrayList<>();
                for (TomcatServer server : farm.servers()) {
                    sent.add(senders.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return create(server.uri(), key, content);
                    }));
                }
                Set<Integer> statuses = new HashSet<>();
                for (Future<HttpResponse<String>> answer : sent) {
                    statuses.add(answer.get(30, TimeUnit.SECONDS).statusCode());
                }

                assertTrue(Set.of(201, 409).containsAll(statuses) && statuses.contains(201), "answered " + statuses);
                assertEquals(1, postsWith(content), "round " + round);
            }
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    void theKeyWithAnotherPostOnTheOtherServerAnswers422() {
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first = create(farm.servers().get(0).uri(), key, "the first post");
        HttpResponse<String> other = create(farm.servers().get(1).uri(), key, "another post");

        assertEquals(201, first.statusCode(), first.body());
        assertEquals(422, other.statusCode(), other.body());
        assertEquals(0, postsWith("another post"));
    }

    @Test
    void aBadKeyAnswers400ThroughTheFrontDoor() {
        HttpResponse<String> response = create(farm.frontDoor().uri(), "not a key", "never written");

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("Idempotency-Key"), response.body());
        assertEquals(0, postsWith("never written"));
    }
}
