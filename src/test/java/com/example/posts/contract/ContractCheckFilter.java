package com.example.posts.contract;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks every response a test client receives against the OpenAPI document that the server under test
 * serves (in-process, or the packaged WAR), so a change on either side without the other fails the test; and
 * that none but a token's creation answers a token secret.
 */
public final class ContractCheckFilter implements ClientResponseFilter {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Each server's document, by its root URI (in-process tests start a server per test). */
    private static final Map<URI, String> DOCUMENTS = new ConcurrentHashMap<>();
    /** An author token with its secret, and the one request whose answer may hold one. */
    private static final Pattern TOKEN = Pattern.compile("pst_[0-9A-Za-z]{12}_[0-9A-Za-z]{49}");
    private static final Pattern ISSUES_TOKENS = Pattern.compile("/authors/[0-9]+/tokens");

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) throws IOException {
        String body = "";
        if (response.hasEntity()) {
            byte[] bytes;
            try (InputStream in = response.getEntityStream()) {
                bytes = in.readAllBytes();
            }
            response.setEntityStream(new ByteArrayInputStream(bytes));
            body = new String(bytes, StandardCharsets.UTF_8);
        }
        URI root = request.getUri().resolve("/");
        String path = "/" + root.relativize(request.getUri()).getRawPath();
        List<String> violations = OpenApiContract.of(DOCUMENTS.computeIfAbsent(root, ContractCheckFilter::fetch)).check(request.getMethod(), path,
                response.getStatus(), name -> Optional.ofNullable(response.getHeaderString(name)), body);
        if (!violations.isEmpty()) {
            throw new AssertionError("The response does not match openapi.yaml:\n  " + String.join("\n  ", violations));
        }
        boolean creation = request.getMethod().equals("POST") && response.getStatus() == 201
                && ISSUES_TOKENS.matcher(path).matches();
        if (!creation && TOKEN.matcher(body + response.getHeaders()).find()) {
            throw new AssertionError(request.getMethod() + " " + path + " answered a token secret; only the answer "
                    + "that creates a token may");
        }
    }

    private static String fetch(URI root) {
        HttpRequest get = HttpRequest.newBuilder(root.resolve("/openapi.json")).timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = HTTP.send(get, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET /openapi.json answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
