package com.example.posts.stack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.config.DatabaseSettings;
import com.example.posts.support.TestDatabase;
import com.example.posts.support.TestToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A farm as ops run one: two Tomcat 11 servers with the Manager on a connector of its own, both serving the WAR on the tests' database,
 * and nginx with the project's templates in front of both. Started once per JVM, on first use, and shared by
 * the deploy and load scenarios; each scenario starts from whatever version the last one left serving.
 */
final class Farm {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static Farm shared;

    private final List<TomcatServer> servers;
    private final NginxServer nginx;

    /** @param nginx the front door, or null for a farm that only deploys */
    Farm(List<TomcatServer> servers, NginxServer nginx) {
        this.servers = servers;
        this.nginx = nginx;
    }

    static synchronized Farm shared() {
        if (shared == null) {
            shared = start("farm", TestDatabase.shared().server().settings(), (dir, env) -> { });
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "farm-shutdown"));
        }
        return shared;
    }

    /**
     * Two servers and their nginx, in folders named after {@code name}, on {@code database}, each server's
     * environment changed by {@code customization} as well; stopped at the JVM's exit.
     */
    static Farm startOwn(String name, DatabaseSettings database, TomcatServer.Customization customization) {
        Farm farm = start(name, database, customization);
        Runtime.getRuntime().addShutdownHook(new Thread(farm::stop, name + "-shutdown"));
        return farm;
    }

    private static Farm start(String name, DatabaseSettings database, TomcatServer.Customization customization) {
        Path home = TestedStack.tomcat11Home();
        NginxServer.requireInstalled();
        // Both servers start at once: each spends most of its start waiting on its own JVM.
        List<CompletableFuture<TomcatServer>> starting = Stream.of(name + "-a", name + "-b")
                .map(server -> CompletableFuture.supplyAsync(() -> TomcatServer.start(TomcatSettings.of(home,
                        Path.of("target/stack", server).toAbsolutePath(), database)
                        .withManager(home.resolve("webapps/manager")).withCustomization(customization))))
                .toList();
        List<TomcatServer> servers = starting.stream().map(CompletableFuture::join).toList();
        String upstreams = servers.stream().map(server -> server.address() + ":" + server.port())
                .collect(Collectors.joining(", "));
        Map<String, String> settings = NginxServer.settings(upstreams, TestedStack.PROXY_ADDRESS, "1000r/s", 1000);
        // All of the load comes from one address, where real clients come from many.
        settings.put("POSTS_CONNECTIONS_PER_ADDRESS", "1000");
        NginxServer nginx = NginxServer.start(Path.of("target/stack", name + "-nginx").toAbsolutePath(),
                TestedStack.PROXY_ADDRESS, settings, null);
        Farm farm = new Farm(servers, nginx);
        warmUp(nginx.uri());
        return farm;
    }

    /**
     * Fresh JVMs answer their first requests slowly (and open their first connections to the database
     * slowly); the scenarios measure a farm that has served before.
     */
    private static void warmUp(URI front) {
        for (int i = 0; i < 200; i++) {
            get(front.resolve(i % 2 == 0 ? "posts/1" : "posts?limit=5"));
        }
    }

    /** Starts a server of the farm again after a test stopped it, and warms it as the farm's start did. */
    void restart(TomcatServer server) {
        server.restart();
        warmUp(server.uri());
    }

    /** Both servers at once: each may wait for its open connections to end (gracefulStopAwaitMillis). */
    private void stop() {
        nginx.close();
        servers.parallelStream().forEach(TomcatServer::close);
    }

    List<TomcatServer> servers() {
        return servers;
    }

    NginxServer frontDoor() {
        return nginx;
    }

    /** The version each server's /health reports, in order. */
    List<String> versions() {
        List<String> versions = new ArrayList<>();
        for (TomcatServer server : servers) {
            versions.add(versionOf(server.uri()));
        }
        return versions;
    }

    static String versionOf(URI application) {
        String body = get(application.resolve("health")).body();
        return body.replaceAll(".*\"version\":\"([^\"]*)\".*", "$1");
    }

    static HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build());
    }

    /** The answer to any request of a farm's test, its body as text. */
    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Deploy(int exitCode, String output, Duration took) {
    }

    /** Runs ci/deploy-tomcat.sh with the WAR to every server's Manager connector, as the pipeline does. */
    Deploy deploy(Path war, String managerPassword) {
        List<String> command = new ArrayList<>(List.of("bash", "ci/deploy-tomcat.sh", war.toString()));
        servers.forEach(server -> command.add(server.managerUri().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TOMCAT_MANAGER_USER", TomcatServer.MANAGER_USER);
        builder.environment().put("TOMCAT_MANAGER_PASSWORD", managerPassword);
        builder.environment().put("SMOKE_TOKEN", TestToken.VALUE);
        // The Manager answers once the WAR has started: a good version is UP at once, a broken one never is.
        builder.environment().put("SMOKE_TIMEOUT", "10");
        // The farm here answers on loopback over http; real Managers are reached over https only.
        builder.environment().put("DEPLOY_ALLOW_HTTP", "yes");
        long started = System.nanoTime();
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the script did not finish:\n" + output);
            return new Deploy(process.exitValue(), output, Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
