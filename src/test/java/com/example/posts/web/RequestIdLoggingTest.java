package com.example.posts.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.example.posts.contract.ApiTestCase;
import com.example.posts.support.LogCapture;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** In-process only: it reads the application's own log events. */
class RequestIdLoggingTest extends ApiTestCase {

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
