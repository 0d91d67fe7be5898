package com.example.posts.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A Tomcat told to stop (SIGTERM) with docker/tomcat/server.xml: it refuses new connections at once (nginx
 * retries those reads elsewhere), goes on serving the connections already open, and on them /health/ready
 * says STOPPING; it stops once they are closed. The farm's second server is started again afterwards.
 */
class GracefulStopIT {
    private final Farm farm = Farm.shared();

    private record Answer(int status, String body) {
    }

    @Test
    void aStoppingServerRefusesNewConnectionsAndSaysSoOnItsOpenOnes() throws Exception {
        TomcatServer server = farm.servers().get(1);
        try (Socket open = new Socket(server.address(), server.port())) {
            open.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(open.getInputStream(), StandardCharsets.UTF_8));
            assertEquals(200, exchange(open, in).status());

            server.terminate();
            awaitRefused(server);
            Answer stopping = awaitStopping(open, in);

            assertEquals(503, stopping.status(), stopping.body());
            assertTrue(stopping.body().contains("\"status\":\"STOPPING\""), stopping.body());
            // Tomcat closes a connection after a 503, and the stop goes on without it.
            assertNull(in.readLine(), "the connection is closed after the 503");
            // It stops once its other connections are closed too (nginx's within 5 s), at most after 15 s.
            assertTrue(server.awaitExit(Duration.ofSeconds(30)), "stopped within 30 s");
        } finally {
            server.awaitExit(Duration.ofSeconds(30));
            // Warm as well: the load scenarios that may come next measure a farm that has served before.
            farm.restart(server);
        }
    }

    /** The listening socket closes first: a readiness check, not a pause. */
    private static void awaitRefused(TomcatServer server) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            try (Socket probe = new Socket(server.address(), server.port())) {
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (IOException refused) {
                return;
            }
        }
        assertThrows(ConnectException.class, () -> new Socket(server.address(), server.port()).close(),
                "new connections are refused within 10 s");
    }

    /** Asks /health/ready on the open connection until it says the server stops (at most 5 s). */
    private static Answer awaitStopping(Socket open, BufferedReader in) throws Exception {
        Instant deadline = Instant.now().plusSeconds(5);
        Answer answer = exchange(open, in);
        while (answer.status() == 200 && Instant.now().isBefore(deadline)) {
            TimeUnit.MILLISECONDS.sleep(50);
            answer = exchange(open, in);
        }
        return answer;
    }

    /** GET /health/ready on the connection; the answer's status and body (its Content-Length bytes). */
    private static Answer exchange(Socket socket, BufferedReader in) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write("GET /health/ready HTTP/1.1\r\nHost: farm\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String statusLine = in.readLine();
        assertTrue(statusLine != null, "an answer on the open connection");
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        int length = -1;
        for (String header = in.readLine(); !header.isEmpty(); header = in.readLine()) {
            if (header.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(header.substring("content-length:".length()).trim());
            }
        }
        assertTrue(length >= 0, "the answer has a Content-Length");
        char[] body = new char[length];
        int read = 0;
        while (read < length) {
            read += in.read(body, read, length - read);
        }
        return new Answer(status, new String(body));
    }
}
