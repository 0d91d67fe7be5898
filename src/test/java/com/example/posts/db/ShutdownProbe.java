package com.example.posts.db;

import com.example.posts.LoggingBridge;
import com.example.posts.PostsApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Driver;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;

/**
 * Run in a fresh JVM by {@link ShutdownCleanupTest}: starts the application the way the servlet container
 * does (no-arg constructor, MYSQL_* from the environment), serves one read, shuts the container down,
 * and prints what the JVM still holds. Exit status 0 means clean. With the argument {@value #FAILED_START},
 * the start is expected to fail (a setting the database refuses), and what that failure left behind is printed.
 */
public final class ShutdownProbe {
    static final String CLEAN = "CLEAN";
    static final String FAILED_START = "failed-start";

    private ShutdownProbe() {
    }

    public static void main(String[] args) throws Exception {
        LoggingBridge.install();
        if (args.length > 0 && args[0].equals(FAILED_START)) {
            failToStart();
            return;
        }
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"),
                new PostsApplication());
        int port = server.getListener("grizzly").getPort();
        HttpResponse<String> health = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println("health " + health.statusCode() + " " + health.body());

        server.shutdownNow();

        report(health.statusCode() == 200);
    }

    private static void failToStart() {
        boolean failed;
        try {
            new PostsApplication();
            failed = false;
        } catch (RuntimeException expected) {
            System.out.println("start failed: " + expected.getMessage());
            failed = true;
        }
        report(failed);
    }

    /** Told to stop, a thread may still be finishing its last loop on a busy machine: it gets a few seconds. */
    private static boolean stillRunning(Thread thread) {
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return thread.isAlive();
    }

    /** Prints CLEAN and exits 0 when the run went as expected and no driver or driver thread is left. */
    private static void report(boolean asExpected) {
        List<String> leftovers = new ArrayList<>();
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            leftovers.add("driver " + driver.getClass().getName());
        }
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if ((thread.getName().startsWith("mysql-cj") || thread.getName().contains("Pool Cleaner")
                    || thread.getName().endsWith("-statement-watchdog")
                    || thread.getName().contains("-statement-abort-"))
                    && stillRunning(thread)) {
                leftovers.add("thread " + thread.getName());
            }
        }
        System.out.println(asExpected && leftovers.isEmpty() ? CLEAN : "LEFT BEHIND " + leftovers);
        System.exit(asExpected && leftovers.isEmpty() ? 0 : 1);
    }
}
