package com.example.posts.stack;

import com.example.posts.config.DatabaseSettings;
import com.example.posts.support.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Tomcat running the packaged WAR as ROOT (and optionally a second copy under a context path), from
 * its own CATALINA_BASE built by stack/catalina-base.sh with the repository's docker/tomcat/server.xml and
 * setenv.sh, and optionally the manager app for deploy and leak checks, set up as docs/farm-security.md tells
 * a farm to: on a connector of its own (plain HTTP on loopback here, HTTPS on a real farm), for the deployer's
 * address only, with its realm behind a LockOutRealm. Here: its ports, environment, process and readiness.
 */
final class TomcatServer implements AutoCloseable {
    static final String MANAGER_USER = "deployer";
    static final String MANAGER_PASSWORD = "deployer-password";
    /** A second Manager user, for the lock-out test to lock out without stopping the deploys. */
    static final String LOCKOUT_PROBE_USER = "lockout-probe";
    /** Wrong passwords after which the Manager's LockOutRealm refuses a user, the right password too. */
    static final int LOCKOUT_FAILURES = 5;
    /** Where the deploys come from: the only address that the Manager's connector serves. */
    static final String DEPLOYER_ADDRESS = "127.0.0.1";
    static final String METRICS_ALLOWED = "127.0.0.1";
    /** One client for every call: each HttpClient runs its own selector thread. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Path base;
    private final String secondContext;
    private final String address;
    private final int port;
    private final int metricsPort;
    private final int managerPort;
    private final ProcessBuilder command;
    private Process process;

    private TomcatServer(Path base, String secondContext, String address, int port, int metricsPort,
                         int managerPort, ProcessBuilder command) throws IOException {
        this.base = base;
        this.secondContext = secondContext;
        this.address = address;
        this.port = port;
        this.metricsPort = metricsPort;
        this.managerPort = managerPort;
        this.command = command;
        this.process = command.start();
    }

    /** What a test adds to a server before it starts: files under CATALINA_BASE, variables of its environment. */
    @FunctionalInterface
    interface Customization {
        void apply(Path base, Map<String, String> env) throws IOException;
    }

    static TomcatServer start(TomcatSettings settings) {
        Path home = settings.home();
        Path manager = settings.manager();
        Path base = settings.base();
        String address = settings.address();
        String secondContext = settings.secondContext();
        DatabaseSettings db = settings.database();
        try {
            int port = FreePort.on(address);
            int metricsPort = FreePort.on(address);
            int managerPort = manager == null ? 0 : FreePort.on(address);
            prepareBase(settings.conf(), manager, managerPort, base, settings.war(), secondContext, address);
            ProcessBuilder builder = new ProcessBuilder("/bin/sh", home.resolve("bin/catalina.sh").toString(), "run")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("logs/catalina.out").toFile()));
            Map<String, String> env = builder.environment();
            env.put("CATALINA_HOME", home.toString());
            env.put("CATALINA_BASE", base.toString());
            env.put("CATALINA_PID", base.resolve("tomcat.pid").toString());
            env.put("JAVA_HOME", javaHome());
            // Soft references cleared at every GC, so findleaks sees only what is really held; and the test
            // JVMs' flags (pom.xml's test.jvm.flags: the quick JIT only, about 40 % less CPU per start).
            env.put("CATALINA_OPTS", "-XX:SoftRefLRUPolicyMSPerMB=0 " + System.getProperty("posts.test.jvm.flags", ""));
            env.put("POSTS_ADDRESS", address);
            env.put("POSTS_PORT", Integer.toString(port));
            env.put("POSTS_METRICS_ADDRESS", address);
            env.put("POSTS_METRICS_PORT", Integer.toString(metricsPort));
            env.put("TRUSTED_PROXIES", settings.trustedProxies());
            env.put("POSTS_ACCESS_LOG_DIRECTORY", base.resolve("logs").toString());
            env.put("POSTS_ACCESS_LOG_PREFIX", "access.log");
            env.put("MYSQL_HOST", db.host());
            env.put("MYSQL_PORT", Integer.toString(db.port()));
            env.put("MYSQL_USER", db.user());
            env.put("MYSQL_PASS", db.password());
            env.put("MYSQL_DB", db.database());
            env.put("POSTS_API_TOKEN", settings.apiToken());
            // Narrower than the default (all of loopback), so the tests can show a refused address.
            env.put("POSTS_METRICS_ALLOW", METRICS_ALLOWED);
            settings.customization().apply(base, env);
            TomcatServer tomcat = new TomcatServer(base, secondContext, address, port, metricsPort, managerPort,
                    builder);
            tomcat.awaitHealthy(Duration.ofSeconds(120));
            return tomcat;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CATALINA_BASE as stack/catalina-base.sh builds it (bench/ uses the same script), emptied first. */
    private static void prepareBase(Path stockConf, Path manager, int managerPort, Path base, Path war,
                                    String secondContext, String address) throws IOException {
        Directories.deleteRecursively(base);
        List<String> arguments = new ArrayList<>();
        Map<String, String> env = new HashMap<>();
        if (manager != null) {
            arguments.addAll(List.of("--manager", manager.toString(), address + ":" + managerPort, DEPLOYER_ADDRESS,
                    Integer.toString(LOCKOUT_FAILURES)));
            env.put("MANAGER_USERS", MANAGER_USER + ":" + MANAGER_PASSWORD + "\n"
                    + LOCKOUT_PROBE_USER + ":" + MANAGER_PASSWORD);
        }
        arguments.addAll(List.of(base.toString(), stockConf.toString(), "ROOT=" + war));
        if (secondContext != null) {
            arguments.add(secondContext + "=" + war);
        }
        StackScript.run("catalina-base.sh", arguments, env);
    }

    /**
     * TOMCAT_JAVA_HOME, else this JVM's. On Java 17 the JDK's MethodHandle.asTypeCache can hold one
     * undeployed application strongly (JDK-8078641, fixed in 18), so leak checks want a newer Java.
     */
    static String javaHome() {
        String configured = System.getenv("TOMCAT_JAVA_HOME");
        return configured == null || configured.isBlank() ? System.getProperty("java.home") : configured;
    }

    /** The feature release (17, 21, …) of the Java that Tomcat runs on, from its release file. */
    static int javaFeatureVersion() {
        try {
            String release = Files.readString(Path.of(javaHome(), "release"), StandardCharsets.UTF_8);
            Matcher version = Pattern.compile("JAVA_VERSION=\"(?:1\\.)?(\\d+)")
                    .matcher(release);
            return version.find() ? Integer.parseInt(version.group(1)) : Runtime.version().feature();
        } catch (IOException e) {
            return Runtime.version().feature();
        }
    }

    URI uri() {
        return URI.create("http://" + address + ":" + port + "/");
    }

    String address() {
        return address;
    }

    int port() {
        return port;
    }

    Path accessLog() {
        return base.resolve("logs/access.log");
    }

    /** What Tomcat itself logged (catalina.out): start-up, deployment, leak warnings. */
    String serverLog() {
        return LogFile.read(base.resolve("logs/catalina.out"));
    }

    /** Where Prometheus scrapes: the metrics connector. */
    URI metricsUri() {
        return URI.create("http://" + address + ":" + metricsPort + "/");
    }

    /** The Manager's own connector, where deploys go (the service answers there too, for their smoke tests). */
    URI managerUri() {
        if (managerPort == 0) {
            throw new IllegalStateException("this Tomcat runs no Manager");
        }
        return URI.create("http://" + address + ":" + managerPort + "/");
    }

    /** Calls the manager's text interface, e.g. {@code findleaks?statusLine=true}; returns its answer. */
    String manager(String command) {
        return manager(managerUri(), MANAGER_USER, MANAGER_PASSWORD, command).body();
    }

    /** The Manager's whole answer to a user's call at a server's address, e.g. a refusal. */
    static HttpResponse<String> manager(URI server, String user, String password, String command) {
        String credentials = Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(server.resolve("manager/text/" + command))
                .header("Authorization", "Basic " + credentials)
                .timeout(Duration.ofMinutes(2))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Where the second copy of the WAR answers, if there is one. */
    URI secondContextUri() {
        return uri().resolve(secondContext + "/");
    }

    void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        awaitHealthy(uri(), deadline, timeout);
        if (secondContext != null) {
            awaitHealthy(secondContextUri(), deadline, timeout);
        }
    }

    private void awaitHealthy(URI application, Instant deadline, Duration timeout) {
        HttpRequest health = HttpRequest.newBuilder(application.resolve("health")).timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Tomcat exited:\n" + serverLog());
            }
            try {
                if (HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            FreePort.pause();
        }
        throw new IllegalStateException(application + " was not healthy within " + timeout + ":\n" + serverLog());
    }

    /** The server dies at once, as with kill -9: no shutdown, requests in flight cut. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Tomcat did not die within 30 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Asks the server to stop (SIGTERM, as docker stop and systemd do), without waiting for it. */
    void terminate() {
        process.destroy();
    }

    /** Waits for the server's process to end; false if it still runs after the time given. */
    boolean awaitExit(Duration within) throws InterruptedException {
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts the server again on the same folder and port, with whatever the Manager deployed there. */
    void restart() {
        try {
            process = command.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitHealthy(Duration.ofSeconds(120));
    }

    /** The JVM running it: another after a restart. */
    long pid() {
        return process.pid();
    }

    /** CATALINA_BASE, the server's own folder. */
    Path base() {
        return base;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
