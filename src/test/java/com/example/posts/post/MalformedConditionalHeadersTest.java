package com.example.posts.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.example.posts.contract.ApiTestCase;
import com.example.posts.support.LogCapture;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A malformed If-Match or If-None-Match is the client's mistake: reads need no token, so were it an ERROR
 * with a stack trace, anyone could fill the logs and trip 5xx alerts. (ReadPostTest and
 * ReplaceAndDeletePostTest hold the answers as the contract; this holds what the log says.)
 */
class MalformedConditionalHeadersTest extends ApiTestCase {

    @Test
    void malformedHeadersAreAnsweredWithoutAnErrorOrAStackTraceInTheLog() {
        List<ILoggingEvent> logged;
        try (LogCapture log = new LogCapture()) {
            assertEquals(400, target("posts/1").request().header(HttpHeaders.IF_NONE_MATCH, "abc").get().getStatus());
            assertEquals(400, target("post/1").request().header(HttpHeaders.IF_MATCH, "3").get().getStatus());
            assertEquals(400, authorized("posts/1").header(HttpHeaders.IF_MATCH, "3")
                    .put(json("{\"content\":\"x\",\"author_email\":\"a@b.co\"}")).getStatus());
            assertEquals(400, authorized("posts/1").header(HttpHeaders.IF_MATCH, "3").delete().getStatus());
            logged = log.events();
        }

        for (ILoggingEvent event : logged) {
            assertTrue(event.getLevel().toInt() < Level.ERROR_INT, "logged: " + event.getFormattedMessage());
            assertNull(event.getThrowableProxy(), "a stack trace with: " + event.getFormattedMessage());
        }
    }
}
