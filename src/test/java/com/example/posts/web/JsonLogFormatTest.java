package com.example.posts.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.example.posts.support.IndependentOfTestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

/** The application's logback.xml with POSTS_LOG_FORMAT=json: one JSON object per line, request id included. */
@IndependentOfTestDatabase
class JsonLogFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachLineIsAJsonObjectWithTheRequestIdAndTheStackTraceAsOneString() throws Exception {
        List<String> lines = logWithApplicationConfig("json", log -> {
            MDC.put(RequestIdFilter.MDC_KEY, "trace-7");
            try {
                log.info("Created post {}", 7);
                log.error("Request failed", new IllegalStateException("boom"));
            } finally {
                MDC.remove(RequestIdFilter.MDC_KEY);
            }
        });

        assertEquals(2, lines.size(), lines.toString());
        JsonNode info = JSON.readTree(lines.get(0));
        assertEquals(List.of("timestamp", "level", "logger", "thread", "message", "request_id"), fields(info));
        assertEquals("INFO", info.get("level").asText());
        assertEquals("com.example.posts.Probe", info.get("logger").asText());
        assertEquals("Created post 7", info.get("message").asText());
        assertEquals("trace-7", info.get("request_id").asText());
        assertTrue(info.get("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));

        JsonNode error = JSON.readTree(lines.get(1));
        assertTrue(error.get("exception").isTextual());
        assertTrue(error.get("exception").asText().startsWith("java.lang.IllegalStateException: boom"));
        assertTrue(error.get("exception").asText().contains("\n\tat "));
    }

    @Test
    void textStaysTheDefault() throws Exception {
        List<String> lines = logWithApplicationConfig(null, log -> log.info("Plain"));

        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith(" INFO  [-] com.example.posts.Probe - Plain"), lines.get(0));
        assertFalse(lines.get(0).startsWith("{"));
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Logs through a Logback context configured from src/main/resources/logback.xml; returns stderr's lines. */
    private static List<String> logWithApplicationConfig(String format, java.util.function.Consumer<Logger> body)
            throws Exception {
        LoggerContext context = new LoggerContext();
        // The MDC that RequestIdFilter writes to, as in the application.
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        if (format != null) {
            context.putProperty("POSTS_LOG_FORMAT", format);
        }
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(JsonLogFormatTest.class.getResource("/logback.xml"));
            body.accept(context.getLogger("com.example.posts.Probe"));
        } finally {
            context.stop();
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
