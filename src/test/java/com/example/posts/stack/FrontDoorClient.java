package com.example.posts.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** HTTP as the front door's tests speak it: plain requests, raw ones, and what every answer must carry. */
final class FrontDoorClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    HttpResponse<String> send(URI base, String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertSecurityHeaders(HttpResponse<?> response) {
        var headers = response.headers();
        assertEquals("nosniff", headers.firstValue("X-Content-Type-Options").orElse(null));
        assertEquals("DENY", headers.firstValue("X-Frame-Options").orElse(null));
        assertEquals("no-referrer", headers.firstValue("Referrer-Policy").orElse(null));
        assertTrue(headers.firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
        assertEquals(List.of("no-store"), headers.allValues("Cache-Control"));
        assertEquals(1, headers.allValues("X-Request-Id").size());
        assertEquals("nginx", headers.firstValue("Server").orElse("nginx"), "no version in Server");
    }

    static JsonNode assertProblem(HttpResponse<String> response, int status) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(null));
        JsonNode problem = JSON.readTree(response.body());
        assertEquals(status, problem.get("status").asInt());
        assertEquals(response.headers().firstValue("X-Request-Id").orElseThrow(), problem.get("request_id").asText());
        return problem;
    }

    /** Sends a request exactly as written, from a chosen local address, and returns the whole answer. */
    static String raw(String from, URI to, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(to.getHost(), to.getPort()), 2000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** A request for {@link #raw}, as written: the request line, each header line given, then Connection: close. */
    static String request(String method, String path, String... headerLines) {
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        return request.append("Connection: close\r\n\r\n").toString();
    }

    /** The status code of an answer from {@link #raw}. */
    static int status(String answer) {
        return Integer.parseInt(answer.lines().findFirst().orElse("HTTP/1.1 0").split(" ")[1]);
    }
}
