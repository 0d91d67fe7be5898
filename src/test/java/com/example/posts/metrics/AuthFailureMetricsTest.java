package com.example.posts.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.contract.ApiTestCase;
import jakarta.ws.rs.client.Entity;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** /metrics counts the requests refused for their token, one counter per reason. */
class AuthFailureMetricsTest extends ApiTestCase {
    private static final String POST = "{\"content\":\"x\",\"author_email\":\"ann@example.com\"}";

    private double count(String reason) {
        String metrics = target("metrics").request().get(String.class);
        Matcher value = Pattern.compile("posts_auth_failures_total\\{reason=\"" + reason + "\"} ([0-9.E]+)")
                .matcher(metrics);
        assertTrue(value.find(), reason + " missing:\n" + metrics);
        return Double.parseDouble(value.group(1));
    }

    @Test
    void eachRefusalIsCountedUnderItsReason() {
        int ann = createAuthor("ann@example.com", "Ann", "author");
        int bob = createAuthor("bob@example.com", "Bob", "author");
        String revoked = issueToken(ann, "old");
        String valid = issueToken(ann, "laptop");
        String disabled = issueToken(bob, "laptop");
        authorized("authors/" + ann + "/tokens/" + revoked.substring(4, 16)).delete().close();
        authorized("authors/" + bob + "/disable").post(Entity.json("")).close();
        Map<String, Runnable> refusals = Map.of(
                "missing", () -> target("posts").request().post(json(POST)).close(),
                "malformed", () -> as(valid + "x", "posts").post(json(POST)).close(),
                "unknown", () -> as("not-the-token-" + TOKEN, "posts").post(json(POST)).close(),
                "revoked", () -> as(revoked, "posts").post(json(POST)).close(),
                "disabled", () -> as(disabled, "posts").post(json(POST)).close(),
                "forbidden", () -> as(valid, "authors").get().close());

        for (Map.Entry<String, Runnable> refusal : refusals.entrySet()) {
            double before = count(refusal.getKey());
            refusal.getValue().run();
            assertEquals(before + 1, count(refusal.getKey()), refusal.getKey());
        }
        double expired = count("expired");
        assertEquals(0, expired, 0.0, "every reason is reported, at 0 until it happens");
    }
}
