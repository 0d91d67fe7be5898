package com.example.posts.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a Docker engine that answers but cannot reach its registry, on loopback: it has no image,
 * and a pull never ends (as when the registry's address swallows packets). Enough of the engine's API for
 * Testcontainers to call it available.
 */
final class DockerEngineThatCannotPull implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger pulls = new AtomicInteger();

    DockerEngineThatCannotPull() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    String dockerHost() {
        return "tcp://127.0.0.1:" + server.getAddress().getPort();
    }

    int pullsStarted() {
        return pulls.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        // The API version prefix (/v1.44/...) is optional.
        String path = exchange.getRequestURI().getPath().replaceFirst("^/v[0-9.]+", "");
        if (path.equals("/_ping")) {
            send(exchange, 200, "text/plain", "OK");
        } else if (path.equals("/version")) {
            send(exchange, 200, "application/json", "{\"Version\":\"28.2.2\",\"ApiVersion\":\"1.44\","
                    + "\"MinAPIVersion\":\"1.24\",\"Os\":\"linux\",\"Arch\":\"amd64\"}");
        } else if (path.equals("/info")) {
            send(exchange, 200, "application/json", "{\"ServerVersion\":\"28.2.2\",\"OperatingSystem\":\"stand-in\","
                    + "\"OSType\":\"linux\",\"Architecture\":\"x86_64\",\"NCPU\":2,\"MemTotal\":2147483648,"
                    + "\"Name\":\"stand-in\",\"Labels\":[]}");
        } else if (path.startsWith("/images/") && path.endsWith("/json")) {
            send(exchange, 404, "application/json", "{\"message\":\"No such image\"}");
        } else if (path.equals("/images/create")) {
            pulls.incrementAndGet();
            awaitClose();
            exchange.close();
        } else {
            send(exchange, 500, "application/json", "{\"message\":\"the stand-in does not do " + path + "\"}");
        }
    }

    /** A pull waits for the registry for as long as the stand-in runs, up to a minute. */
    private void awaitClose() {
        try {
            closed.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
