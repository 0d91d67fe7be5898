package com.example.posts.stack;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the app behind nginx, on loopback: it records the headers of every request it receives
 * and answers {@code {}}, or holds every answer until {@link #release()} when told to.
 */
final class RecordingUpstream implements AutoCloseable {
    private static final long LONGEST_HOLD_SECONDS = 30;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Headers> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch released;

    private RecordingUpstream(String address, boolean holding) throws IOException {
        released = new CountDownLatch(holding ? 1 : 0);
        server = HttpServer.create(new InetSocketAddress(address, 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::answer);
        server.start();
    }

    static RecordingUpstream answering(String address) {
        return start(address, false);
    }

    static RecordingUpstream holding(String address) {
        return start(address, true);
    }

    private static RecordingUpstream start(String address, boolean holding) {
        try {
            return new RecordingUpstream(address, holding);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** nginx's {@code server} line for this upstream. */
    String hostAndPort() {
        return server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    List<Headers> received() {
        return received;
    }

    void release() {
        released.countDown();
    }

    private void answer(HttpExchange exchange) throws IOException {
        received.add(exchange.getRequestHeaders());
        try {
            released.await(LONGEST_HOLD_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }
}
