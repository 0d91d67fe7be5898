package com.example.posts.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.ResetDatabase;
import com.example.posts.support.TestToken;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On the two-Tomcat farm, a token revoked, expired, or whose author is disabled, through one server is refused
 * by the other within 5 s, and neither server restarts for it.
 */
@ResetDatabase
class FarmRevocationIT {
    private static final Duration WITHIN = Duration.ofSeconds(5);
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private final Farm farm = Farm.shared();
    private final FrontDoorClient client = new FrontDoorClient();
    private URI one;
    private URI other;
    private List<Long> processes;

    @BeforeEach
    void servers() {
        one = farm.servers().get(0).uri();
        other = farm.servers().get(1).uri();
        processes = farm.servers().stream().map(TomcatServer::pid).toList();
    }

    @AfterEach
    void noServerRestarted() {
        assertEquals(processes, farm.servers().stream().map(TomcatServer::pid).toList());
    }

    private HttpResponse<String> send(URI server, String method, String path, String body, String token) {
        try {
            return body == null
                    ? client.send(server, method, path, null, "Authorization", "Bearer " + token)
                    : client.send(server, method, path, body, "Authorization", "Bearer " + token,
                            "Content-Type", "application/json");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int author() {
        HttpResponse<String> created = send(one, "POST", "authors",
                "{\"email\":\"farm@example.com\",\"display_name\":\"Farm\"}", TestToken.VALUE);
        assertEquals(201, created.statusCode(), created.body());
        Matcher id = ID.matcher(created.body());
        assertTrue(id.find());
        return Integer.parseInt(id.group(1));
    }

    private String token(int author, String lifetime) {
        HttpResponse<String> issued = send(one, "POST", "authors/" + author + "/tokens",
                "{\"label\":\"farm\"" + lifetime + "}", TestToken.VALUE);
        assertEquals(201, issued.statusCode(), issued.body());
        Matcher token = Pattern.compile("\"token\":\"(pst_[^\"]+)\"").matcher(issued.body());
        assertTrue(token.find());
        return token.group(1);
    }

    private HttpResponse<String> write(URI server, String token) {
        return send(server, "POST", "posts", "{\"content\":\"farm\",\"author_email\":\"farm@example.com\"}", token);
    }

    /** Polls the other server until it refuses the token, for at most {@link #WITHIN}; its last answer. */
    private HttpResponse<String> refusedByTheOther(String token) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        HttpResponse<String> answer = write(other, token);
        while (answer.statusCode() != 401 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            answer = write(other, token);
        }
        return answer;
    }

    @Test
    void aTokenRevokedThroughOneServerIsRefusedByTheOther() throws InterruptedException {
        int author = author();
        String token = token(author, "");
        assertEquals(201, write(other, token).statusCode());

        HttpResponse<String> revoked = send(one, "DELETE", "authors/" + author + "/tokens/" + token.substring(4, 16),
                null, TestToken.VALUE);
        assertEquals(204, revoked.statusCode());

        HttpResponse<String> answer = refusedByTheOther(token);
        assertEquals(401, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("revoked"), answer.body());
    }

    @Test
    void anExpiredTokenIsRefusedByEveryServer() throws InterruptedException {
        String token = token(author(), ",\"expires_in_seconds\":2");

        HttpResponse<String> answer = refusedByTheOther(token);
        if (answer.statusCode() != 401) {
            answer = refusedByTheOther(token); // the 5 s count from the expiry, 2 s after the creation
        }

        assertEquals(401, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("expired"), answer.body());
        assertEquals(401, write(one, token).statusCode());
    }

    @Test
    void theTokenOfAnAuthorDisabledThroughOneServerIsRefusedByTheOther() throws InterruptedException {
        int author = author();
        String token = token(author, "");
        assertEquals(201, write(other, token).statusCode());

        assertEquals(200, send(one, "POST", "authors/" + author + "/disable", "", TestToken.VALUE).statusCode());

        HttpResponse<String> answer = refusedByTheOther(token);
        assertEquals(401, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("disabled"), answer.body());
    }
}
