package com.example.posts.author;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.example.posts.contract.ApiTestCase;
import com.example.posts.support.LogCapture;
import com.example.posts.web.BearerTokenFilter;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** In-process only: the log lines of a write name its author and token (public id), never the secret. */
class WriterInLogsTest extends ApiTestCase {

    @Test
    void aWritesLogLinesCarryTheAuthorAndTheTokensPublicId() {
        int ann = createAuthor("ann@example.com", "Ann", "author");
        String token = issueToken(ann, "laptop");
        String secret = token.substring(17);
        List<ILoggingEvent> events;
        try (LogCapture logs = new LogCapture("com.example.posts")) {
            Response response = as(token, "posts").post(json("{\"content\":\"logged\",\"author_email\":\"ann@example.com\"}"));
            assertEquals(201, response.getStatus());
            assertEquals(Integer.toString(ann), response.getHeaderString(BearerTokenFilter.AUTHOR_HEADER));
            events = logs.events();
        }

        ILoggingEvent created = events.stream().filter(e -> e.getFormattedMessage().startsWith("Created post"))
                .findFirst().orElseThrow();
        Map<String, String> mdc = created.getMDCPropertyMap();
        assertEquals(Integer.toString(ann), mdc.get(BearerTokenFilter.AUTHOR_MDC_KEY));
        assertEquals(token.substring(4, 16), mdc.get(BearerTokenFilter.TOKEN_MDC_KEY));
        for (ILoggingEvent event : events) {
            assertFalse(event.getFormattedMessage().contains(secret) || event.getMDCPropertyMap().toString().contains(secret),
                    event.getFormattedMessage());
        }
    }
}
