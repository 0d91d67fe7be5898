package com.example.posts.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.example.posts.support.ApiTestCase;
import com.example.posts.support.LogCapture;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("contract")
class RequestIdTest extends ApiTestCase {
    private static final String SAFE_ID = "[A-Za-z0-9._-]{1,64}";

    @Test
    void echoesASafeRequestId() {
        Response response = target("posts/1").request().header(RequestIdFilter.HEADER, "abc.DEF_123-x").get();

        assertEquals("abc.DEF_123-x", response.getHeaderString(RequestIdFilter.HEADER));
    }

    @Test
    void makesOneWhenNoneIsSent() {
        String first = target("posts/1").request().get().getHeaderString(RequestIdFilter.HEADER);
        String second = target("posts/1").request().get().getHeaderString(RequestIdFilter.HEADER);

        assertTrue(first.matches(SAFE_ID), first);
        assertNotEquals(first, second);
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "semi;colon", "<script>", "ünïcode", "", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void replacesAnUnsafeRequestId(String unsafe) {
        Response response = target("posts/1").request().header(RequestIdFilter.HEADER, unsafe).get();

        String replaced = response.getHeaderString(RequestIdFilter.HEADER);
        assertTrue(replaced.matches(SAFE_ID), replaced);
        assertNotEquals(unsafe, replaced);
    }

    @Test
    void acceptsTheLongestSafeId() {
        String longest = "y".repeat(64);

        assertEquals(longest, target("nowhere").request().header(RequestIdFilter.HEADER, longest).get()
                .getHeaderString(RequestIdFilter.HEADER));
    }

    @Test
    void problemBodiesCarryTheRequestId() {
        Response response = target("posts/999").request().header(RequestIdFilter.HEADER, "trace-404").get();

        assertEquals("trace-404", body(response).get("request_id").asText());
    }

    @Test
    @Tag("in-process") // reads the application's log events
    void everyLogLineWhileServingCarriesTheRequestId() {
        List<ILoggingEvent> events;
        try (LogCapture logs = new LogCapture("org.hibernate.SQL")) {
            Response response = authorized("posts").header(RequestIdFilter.HEADER, "trace-create")
                    .post(json("{\"content\":\"logged\",\"author_email\":\"a@b.co\"}"));
            assertEquals(201, response.getStatus());
            events = logs.events().stream()
                    .filter(e -> e.getThreadName().equals(threadOf(logs, "Created post")))
                    .toList();
        }
        Set<String> loggers = events.stream().map(ILoggingEvent::getLoggerName).collect(Collectors.toSet());
        assertTrue(loggers.contains("org.hibernate.SQL"), "Hibernate's lines are in the same set-up: " + loggers);
        assertTrue(loggers.contains("com.example.posts.post.PostResource"), loggers.toString());
        for (ILoggingEvent event : events) {
            assertEquals("trace-create", event.getMDCPropertyMap().get(RequestIdFilter.MDC_KEY),
                    event.getLoggerName() + ": " + event.getFormattedMessage());
        }
        assertFalse(events.isEmpty());
    }

    private static String threadOf(LogCapture logs, String message) {
        return logs.events().stream()
                .filter(e -> e.getFormattedMessage().startsWith(message))
                .findFirst().orElseThrow().getThreadName();
    }
}
