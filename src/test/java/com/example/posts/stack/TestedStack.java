package com.example.posts.stack;

import com.example.posts.config.DatabaseSettings;
import com.example.posts.support.TcpProxy;
import com.example.posts.support.TestDatabase;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The deployed service that the integration tests talk to, chosen by the system property posts.stack:
 * "nginx-tomcat11", the WAR on Tomcat 11 behind nginx; "tomcat10", the WAR on Debian's Tomcat 10.1.
 * Unset, tests run in-process. Started once per JVM, on the tests' database, and stopped at exit.
 * Where the WAR and Tomcat 11 are comes from the build (failsafe's system properties), never from here.
 */
public final class TestedStack {
    public static final String PROPERTY = "posts.stack";
    static final String PROXY_ADDRESS = "127.0.0.2";
    static final String APP_ADDRESS = "127.0.0.1";
    /** On Tomcat 11 a second copy of the WAR runs under this context path, to prove links stay under it. */
    static final String SECOND_CONTEXT = "posts-api";
    static final Path TOMCAT10_HOME = Path.of("/usr/share/tomcat10");
    static final Path TOMCAT10_MANAGER = Path.of("/usr/share/tomcat10-admin/manager");
    private static final Path WORK = Path.of("target/stack").toAbsolutePath();

    private static TestedStack current;

    private final TomcatServer tomcat;
    private final NginxServer nginx;
    private final TcpProxy databaseLink;

    private TestedStack(TomcatServer tomcat, NginxServer nginx, TcpProxy databaseLink) {
        this.tomcat = tomcat;
        this.nginx = nginx;
        this.databaseLink = databaseLink;
    }

    /** The stack named by posts.stack, started on first use; empty for in-process tests. */
    public static synchronized Optional<TestedStack> current() {
        String name = System.getProperty(PROPERTY, "");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        if (current == null) {
            current = start(name);
            Runtime.getRuntime().addShutdownHook(new Thread(current::stop, "stack-shutdown"));
        }
        return Optional.of(current);
    }

    private static TestedStack start(String name) {
        var db = TestDatabase.shared().server().settings();
        switch (name) {
            case "nginx-tomcat11" -> {
                Path home = tomcat11Home();
                NginxServer.requireInstalled();
                // Tomcat believes X-Forwarded-* only from nginx's address; nginx connects from it.
                TomcatServer tomcat = TomcatServer.start(TomcatSettings.of(home, WORK.resolve("tomcat11"), db)
                        .withSecondContext(SECOND_CONTEXT));
                NginxServer nginx = NginxServer.start(WORK.resolve("nginx"), PROXY_ADDRESS,
                        NginxServer.settings(APP_ADDRESS + ":" + tomcat.port(), PROXY_ADDRESS, "1000r/s", 1000),
                        null);
                return new TestedStack(tomcat, nginx, null);
            }
            case "tomcat10" -> {
                Prerequisites.require(Files.isDirectory(TOMCAT10_HOME) && Files.isDirectory(TOMCAT10_MANAGER),
                        "Tomcat 10.1 is not installed: apt-get install --no-install-recommends tomcat10 tomcat10-admin");
                // Through a link that the tests can cut, to show what a start without a database leaves behind.
                TcpProxy link = new TcpProxy(db.host(), db.port());
                DatabaseSettings viaLink = new DatabaseSettings("127.0.0.1", link.port(), db.user(), db.password(),
                        db.database());
                TomcatServer tomcat = TomcatServer.start(
                        TomcatSettings.of(TOMCAT10_HOME, WORK.resolve("tomcat10"), viaLink)
                        .withConf(TOMCAT10_HOME.resolve("etc"))
                        .withManager(TOMCAT10_MANAGER));
                return new TestedStack(tomcat, null, link);
            }
            default -> throw new IllegalStateException(PROPERTY + " must be nginx-tomcat11 or tomcat10, got " + name);
        }
    }

    /** The packaged WAR, as the build names it (posts.war). */
    public static Path war() {
        return builtPath("posts.war");
    }

    /** The Tomcat 11 that the build unpacked, of the version pom.xml names (posts.tomcat11.home). */
    public static Path tomcat11Home() {
        Path home = builtPath("posts.tomcat11.home");
        if (!Files.isDirectory(home)) {
            throw new IllegalStateException("posts.tomcat11.home: no Tomcat at " + home
                    + "; ./mvnw verify unpacks the tomcat11.version of pom.xml there");
        }
        return home;
    }

    private static Path builtPath(String property) {
        String value = System.getProperty(property, "");
        if (value.isEmpty()) {
            throw new IllegalStateException(property + " is not set: run the stack tests through ./mvnw verify,"
                    + " whose failsafe configuration sets it");
        }
        return Path.of(value);
    }

    /** Where clients reach the service: nginx when there is one, else Tomcat. */
    public URI baseUri() {
        return nginx != null ? nginx.uri() : tomcat.uri();
    }

    TomcatServer tomcat() {
        return tomcat;
    }

    Optional<NginxServer> nginx() {
        return Optional.ofNullable(nginx);
    }

    /** The link between Tomcat and the database, where there is one to cut. */
    Optional<TcpProxy> databaseLink() {
        return Optional.ofNullable(databaseLink);
    }

    private void stop() {
        if (nginx != null) {
            nginx.close();
        }
        tomcat.close();
        if (databaseLink != null) {
            databaseLink.close();
        }
    }
}
