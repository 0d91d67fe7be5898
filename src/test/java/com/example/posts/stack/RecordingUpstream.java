package com.example.posts.stack;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the app behind nginx, on loopback: it records every request it receives (method, path with
 * its query, and headers) and gives one fixed answer, {@code 200 {}} unless told otherwise (or none at all,
 * hanging up); or holds every answer until {@link #release()}.
 */
final class RecordingUpstream implements AutoCloseable {
    private static final long LONGEST_HOLD_SECONDS = 30;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch released;
    private final Answer answer;

    /** A request as it arrived; the path as written on its request line. */
    record Received(String method, String path, Headers headers) {
    }

    /** What the stand-in answers to every request. */
    record Answer(int status, String contentType, String body, Map<String, String> headers) {
        static final Answer OK = new Answer(200, "application/json", "{}", Map.of());
        /** No answer: the connection is closed once the request has been read, as by a server that died. */
        static final Answer HANG_UP = new Answer(0, "", "", Map.of());
    }

    private RecordingUpstream(String address, boolean holding, Answer answer) throws IOException {
        this.released = new CountDownLatch(holding ? 1 : 0);
        this.answer = answer;
        server = HttpServer.create(new InetSocketAddress(address, 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::answer);
        server.start();
    }

    static RecordingUpstream answering(String address) {
        return start(address, false, Answer.OK);
    }

    static RecordingUpstream answering(String address, Answer answer) {
        return start(address, false, answer);
    }

    static RecordingUpstream holding(String address) {
        return start(address, true, Answer.OK);
    }

    private static RecordingUpstream start(String address, boolean holding, Answer answer) {
        try {
            return new RecordingUpstream(address, holding, answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** nginx's {@code server} line for this upstream. */
    String hostAndPort() {
        return server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    List<Received> received() {
        return received;
    }

    long receivedWith(String method) {
        return received.stream().filter(request -> request.method().equals(method)).count();
    }

    void release() {
        released.countDown();
    }

    private void answer(HttpExchange exchange) throws IOException {
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                exchange.getRequestHeaders()));
        exchange.getRequestBody().readAllBytes();
        try {
            released.await(LONGEST_HOLD_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (answer == Answer.HANG_UP) {
            // The server closes the connection of a handler that fails, answering nothing.
            throw new IOException("hanging up without an answer");
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(answer.status(), -1);
        } else {
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }
}
