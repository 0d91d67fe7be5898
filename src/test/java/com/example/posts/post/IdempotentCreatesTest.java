package com.example.posts.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.config.ApiToken;
import com.example.posts.db.NamedLock;
import com.example.posts.support.ResetDatabase;
import com.example.posts.support.TestDatabase;
import com.example.posts.support.TestToken;
import com.example.posts.web.Credential;
import com.example.posts.web.ProblemException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The store of idempotency keys on a real database: in flight, failed, expired, and per credential. */
@ResetDatabase
class IdempotentCreatesTest {
    private static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 7, 12, 0);
    private static final PostRequest POST = new PostRequest("Keyed", "key@example.com");

    private final TestDatabase database = TestDatabase.shared();
    private final IdempotentCreates creates = new IdempotentCreates(database.database().sessionFactory());
    private final Credential credential = Credential.serviceToken(ApiToken.of(TestToken.VALUE).scope().orElseThrow());
    private final IdempotencyKey key = new IdempotencyKey(UUID.randomUUID().toString());

    @Test
    void aKeyInFlightOnAnotherConnectionAnswers409WithRetryAfterAndWritesNothing() throws SQLException {
        NamedLock inFlight = IdempotentCreates.inFlightLock(credential, key);
        try (Connection otherServer = database.database().dataSource().getConnection()) {
            assertTrue(inFlight.tryAcquire(otherServer));
            try {
                ProblemException answer = assertThrows(ProblemException.class,
                        () -> creates.create(credential, key, POST, NOW));

                assertEquals(409, answer.getResponse().getStatus());
                assertEquals("1", answer.getResponse().getHeaderString("Retry-After"));
                assertEquals(0, keyedPosts());
            } finally {
                inFlight.release(otherServer);
            }
        }
        assertFalse(creates.create(credential, key, POST, NOW).replayed(), "the key is free once released");
        assertEquals(1, keyedPosts());
    }

    @Test
    void concurrentRequestsWithOneKeyMakeOnePostAndAnswerItOr409() throws Exception {
        int requests = 8;
        ExecutorService senders = Executors.newFixedThreadPool(requests);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Object>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(senders.submit(() -> {
                    start.await();
                    try {
                        return creates.create(credential, key, POST, NOW);
                    } catch (ProblemException e) {
                        return e.getResponse().getStatus();
                    }
                }));
            }
            start.countDown();
            Set<Object> outcomes = new HashSet<>();
            int firstResults = 0;
            for (Future<Object> answer : answers) {
                Object outcome = answer.get(30, TimeUnit.SECONDS);
                if (outcome instanceof CreatedPost created) {
                    firstResults += created.replayed() ? 0 : 1;
                    outcomes.add(created.view());
                } else {
                    assertEquals(409, outcome, "only the first result or 409 in progress");
                }
            }
            assertEquals(1, firstResults);
            assertTrue(outcomes.size() <= 1, "every 201 answers the same post: " + outcomes);
            assertEquals(1, keyedPosts());
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    void aKeyIsFreeAgainAtOnceWhenItsFirstRequestFailedBeforeCommitting() throws SQLException {
        try (Connection blocker = database.database().dataSource().getConnection();
             Statement locking = blocker.createStatement()) {
            // A lock on the key's place in the index makes the first request's insert wait, then fail.
            blocker.setAutoCommit(false);
            locking.executeQuery("SELECT * FROM idempotency_key FOR UPDATE").close();

            assertThrows(RuntimeException.class, () -> creates.create(credential, key, POST, NOW));

            assertTrue(IdempotentCreates.inFlightLock(credential, key).isFree(blocker), "the key is free at once");
            blocker.rollback();
        }
        CreatedPost retried = creates.create(credential, key, POST, NOW);

        assertFalse(retried.replayed());
        assertEquals(1, keyedPosts());
    }

    @Test
    void aKeyOlderThan24HoursIsForgottenAndMakesANewPost() {
        CreatedPost first = creates.create(credential, key, POST, NOW);

        CreatedPost withinADay = creates.create(credential, key, POST, NOW.plusHours(23));
        CreatedPost nextDay = creates.create(credential, key, POST, NOW.plusHours(24).plusSeconds(1));

        assertEquals(first.id(), withinADay.id());
        assertTrue(withinADay.replayed());
        assertNotEquals(first.id(), nextDay.id());
        assertEquals(2, keyedPosts());
    }

    @Test
    void purgeDeletesOnlyKeysOlderThan24Hours() {
        creates.create(credential, key, POST, NOW.minusHours(25));
        creates.create(credential, new IdempotencyKey("young"), POST, NOW.minusHours(23));

        new ExpiredKeys(database.database().sessionFactory()).purge(NOW);

        assertEquals("young", database.firstValue("SELECT GROUP_CONCAT(request_key) FROM idempotency_key"));
    }

    @Test
    void aKeyBelongsToTheCredentialThatSentIt() {
        Credential another = Credential.serviceToken(ApiToken.of("another-" + TestToken.VALUE).scope().orElseThrow());

        CreatedPost mine = creates.create(credential, key, POST, NOW);
        CreatedPost theirs = creates.create(another, key, POST, NOW);

        assertNotEquals(mine.id(), theirs.id());
        assertEquals(2, keyedPosts());
    }

    @Test
    void aReplayAnswersThePostAsCreatedEvenAfterItWasEdited() {
        CreatedPost first = creates.create(credential, key, POST, NOW);
        new PostRepository(database.database().sessionFactory())
                .replace(first.id(), "Edited", "key@example.com", post -> { });

        CreatedPost replayed = creates.create(credential, key, POST, NOW.plusMinutes(1));

        assertEquals(first.view(), replayed.view());
        assertEquals(first.etag(), replayed.etag());
    }

    private int keyedPosts() {
        return Integer.parseInt(database.firstValue("SELECT COUNT(*) FROM post WHERE author_email = 'key@example.com'"));
    }
}
