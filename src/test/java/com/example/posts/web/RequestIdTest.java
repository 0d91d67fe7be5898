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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdTest extends ApiTestCase {
    private static final String UUID_SHAPE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void echoesASafeRequestId() {
        Response response = target("posts/1").request().header(RequestIdFilter.HEADER, "abc.DEF_123-x").get();

        assertEquals("abc.DEF_123-x", response.getHeaderString(RequestIdFilter.HEADER));
    }

    @Test
    void makesOneWhenNoneIsSent() {
        String first = target("posts/1").request().get().getHeaderString(RequestIdFilter.HEADER);
        String second = target("posts/1").request().get().getHeaderString(RequestIdFilter.HEADER);

        assertTrue(first.matches(UUID_SHAPE), first);
        assertNotEquals(first, second);
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "semi;colon", "<script>", "ünïcode", "", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void replacesAnUnsafeRequestId(String unsafe) {
        Response response = target("posts/1").request().header(RequestIdFilter.HEADER, unsafe).get();

        assertTrue(response.getHeaderString(RequestIdFilter.HEADER).matches(UUID_SHAPE));
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
