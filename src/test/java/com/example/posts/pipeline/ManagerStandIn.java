package com.example.posts.pipeline;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A stand-in for one Tomcat and its Manager's text API, on loopback, for ci/deploy-tomcat.sh. It keeps the
 * versions of the root application as parallel deployment does (the newest running one serves /, a candidate
 * serves its own path), records each Manager command it carries out in a log that the farm's servers share,
 * and answers FAIL to the commands a test names, or another version on a context's /health.
 */
final class ManagerStandIn implements AutoCloseable {
    static final String USER = "deployer";
    static final String PASSWORD = "deployer-password";
    private static final String MANAGER = "/manager/text/";
    private static final String CANDIDATE = "posts-candidate";

    private final String name;
    private final List<String> log;
    private final HttpServer server;
    private final String url;
    private boolean closed;
    /** Context name (ROOT##label, posts-candidate) to its state; a TreeMap sorts labels as Tomcat does. */
    private final Map<String, App> apps = new TreeMap<>();
    private final Set<String> failing = new HashSet<>();
    private final Map<String, String> reported = new HashMap<>();

    private record App(boolean running, String version) {
    }

    private ManagerStandIn(String name, List<String> log) throws IOException {
        this.name = name;
        this.log = log;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A server named {@code name} in the shared log, serving nothing yet. */
    static ManagerStandIn start(String name, List<String> log) {
        try {
            return new ManagerStandIn(name, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the Manager and the application answer (still named once closed, for a server that is down). */
    String url() {
        return url;
    }

    /** Has {@code context} (ROOT##label) deployed, reporting {@code version}, running or stopped. */
    ManagerStandIn with(String context, String version, boolean running) {
        apps.put(context, new App(running, version));
        return this;
    }

    /**
     * Answers FAIL to this command, e.g. {@code stop?path=/&version=label}, having done nothing (a deploy: the
     * version is deployed, not started, as Tomcat leaves one that fails to start).
     */
    void fail(String command) {
        failing.add(command);
    }

    /** The context, once deployed, reports this version on /health instead of its WAR's. */
    void reports(String context, String version) {
        reported.put(context, version);
    }

    /** "state:name" of each version of the root application and of the candidate, sorted by name. */
    synchronized List<String> contexts() {
        return apps.entrySet().stream()
                .map(app -> (app.getValue().running() ? "running:" : "stopped:") + app.getKey()).toList();
    }

    private synchronized void answer(HttpExchange exchange) throws IOException {
        byte[] upload = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith(MANAGER)) {
            String credentials = "Basic " + Base64.getEncoder()
                    .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            if (!credentials.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, "unauthorized");
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            String command = path.substring(MANAGER.length()) + (query == null ? "" : "?" + query);
            log.add(name + " " + command);
            boolean fails = failing.contains(command);
            String answer = fails && !command.startsWith("deploy?") ? "" : manage(command, upload);
            send(exchange, 200, fails ? "FAIL - failed as the test asked" : answer);
        } else {
            serve(exchange, path);
        }
    }

    private String manage(String command, byte[] upload) throws IOException {
        String[] parts = command.split("[?]", 2);
        Map<String, String> parameters = new HashMap<>();
        for (String parameter : parts.length > 1 ? parts[1].split("&") : new String[0]) {
            String[] pair = parameter.split("=", 2);
            parameters.put(pair[0], pair.length > 1 ? pair[1] : "");
        }
        String path = parameters.getOrDefault("path", "");
        String context = path.equals("/") ? "ROOT" + Optional.ofNullable(parameters.get("version")).map(v -> "##" + v)
                .orElse("") : path.substring(Math.min(1, path.length()));
        App app = apps.get(context);
        switch (parts[0]) {
            case "list" -> {
                StringBuilder list = new StringBuilder("OK - Listed applications for virtual host [localhost]\n");
                apps.forEach((key, value) -> list.append(key.startsWith("ROOT") ? "/" : "/" + key).append(':')
                        .append(value.running() ? "running" : "stopped").append(":0:").append(key).append('\n'));
                return list.append("/manager:running:0:manager\n").toString();
            }
            case "deploy" -> {
                // As Tomcat does, a version that failed to start stays deployed, stopped.
                String version = reported.getOrDefault(context, versionIn(upload));
                apps.put(context, new App(!failing.contains(command), version));
                return "OK - Deployed application at context path [" + path + "]";
            }
            case "undeploy" -> {
                return apps.remove(context) == null ? noContext(path)
                        : "OK - Undeployed application at context path [" + path + "]";
            }
            case "start", "stop" -> {
                if (app == null) {
                    return noContext(path);
                }
                apps.put(context, new App(parts[0].equals("start"), app.version()));
                return "OK - " + parts[0] + " application at context path [" + path + "]";
            }
            default -> {
                return "FAIL - Unknown command [" + parts[0] + "]";
            }
        }
    }

    private static String noContext(String path) {
        return "FAIL - No context exists named [" + path + "]";
    }

    /** The application's side: /health and /posts of the candidate, or of the newest running root version. */
    private void serve(HttpExchange exchange, String path) throws IOException {
        String prefix = "/" + CANDIDATE + "/";
        Optional<App> app = path.startsWith(prefix)
                ? Optional.ofNullable(apps.get(CANDIDATE)).filter(App::running)
                : apps.entrySet().stream()
                        .filter(entry -> entry.getKey().startsWith("ROOT") && entry.getValue().running())
                        .map(Map.Entry::getValue).reduce((older, newer) -> newer);
        String within = path.startsWith(prefix) ? path.substring(prefix.length() - 1) : path;
        if (app.isEmpty()) {
            send(exchange, 404, "no application");
        } else if (within.equals("/health")) {
            send(exchange, 200, "{\"status\":\"UP\",\"database\":\"UP\",\"version\":\"" + app.get().version() + "\"}");
        } else {
            send(exchange, within.equals("/posts") ? 200 : 404, "[]");
        }
    }

    private static String versionIn(byte[] war) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(war))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals("WEB-INF/classes/build-info.properties")) {
                    String properties = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                    return properties.replaceAll("(?s).*version=(\\S*).*", "$1");
                }
            }
        }
        return "unknown";
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.stop(0);
        }
    }
}
