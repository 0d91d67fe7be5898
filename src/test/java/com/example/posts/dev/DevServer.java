package com.example.posts.dev;

import com.example.posts.ApplicationSettings;
import com.example.posts.LoggingBridge;
import com.example.posts.PostsApplication;
import com.example.posts.config.ConfigurationException;
import com.example.posts.config.DatabaseSettings;
import com.example.posts.db.DataSourceLocator;
import com.example.posts.db.Database;
import com.example.posts.support.EmbeddedMariaDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service on a developer's machine with nothing but a JDK, at http://localhost:8080, configured as the
 * WAR is (docs/configuration.md) and opening its database the same way. With no MYSQL_* variable set, an
 * embedded MariaDB whose data lives in {@code .dev-database/} (so it survives restarts) stands in for the
 * server. Run it with {@code ./mvnw -Pdev}. The servlet-level wiring of web.xml has stand-ins here (see
 * {@link WebXmlStandIns}).
 */
public final class DevServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DevServer.class);
    private static final String EMBEDDED_DATABASE = "posts";
    private static final Path APP_PAGE = Path.of("src/main/webapp/app");

    private final Optional<EmbeddedMariaDb> mariaDb;
    private final Database database;
    private final HttpServer server;
    private final URI uri;
    private final String sampleAuthorToken;

    private DevServer(Optional<EmbeddedMariaDb> mariaDb, Database database, HttpServer server, URI uri,
                      String sampleAuthorToken) {
        this.mariaDb = mariaDb;
        this.database = database;
        this.server = server;
        this.uri = uri;
        this.sampleAuthorToken = sampleAuthorToken;
    }

    public static void main(String[] args) throws InterruptedException {
        DevSettings settings;
        try {
            settings = DevSettings.fromEnvironment(System.getenv());
        } catch (ConfigurationException e) {
            // One line and a non-zero exit, before anything has started: nothing is left running.
            System.err.println("posts-service did not start: " + e.getMessage());
            System.exit(2);
            return;
        }
        ApplicationLogging.configure();
        LoggingBridge.install();
        DevServer dev = start(settings, Path.of(".dev-database"));
        Runtime.getRuntime().addShutdownHook(new Thread(dev::close, "dev-server-shutdown"));
        LOG.info("posts-service is running at {} (Ctrl-C to stop)", dev.uri());
        settings.generatedToken().ifPresent(token -> LOG.info("Writes need the header: Authorization: Bearer {}"
                + "   (generated; set POSTS_API_TOKEN to choose one)", token));
        LOG.info("The sample author {} (who wrote sample post 1) signs in with: {}   (new at each start)",
                SampleAuthor.EMAIL, dev.sampleAuthorToken());
        LOG.info("Try: curl {}posts, or open {}app/ in a browser", dev.uri(), dev.uri());
        Thread.currentThread().join();
    }

    /**
     * Starts the database (the embedded one in {@code dataDir} unless MYSQL_* name a server), loads the sample
     * posts on the first start on that database, starts the HTTP server, and issues the sample author a token.
     */
    static DevServer start(DevSettings settings, Path dataDir) {
        Map<String, String> env = new HashMap<>(settings.environment());
        Optional<EmbeddedMariaDb> mariaDb = Optional.empty();
        if (settings.embeddedDatabase()) {
            mariaDb = Optional.of(EmbeddedMariaDb.start(Optional.of(dataDir.toAbsolutePath().toFile())));
            mariaDb.get().createDatabase(EMBEDDED_DATABASE);
            env.putAll(Map.of("MYSQL_HOST", "127.0.0.1", "MYSQL_PORT", Integer.toString(mariaDb.get().port()),
                    "MYSQL_USER", "root", "MYSQL_PASS", "", "MYSQL_DB", EMBEDDED_DATABASE));
        }
        try {
            ApplicationSettings application = ApplicationSettings.fromEnvironment(env);
            boolean firstStart = SamplePosts.isNew(DatabaseSettings.fromEnvironment(env));
            Database database = DataSourceLocator.openDatabase(env);
            if (firstStart) {
                SamplePosts.load(database);
            }
            HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://localhost:"
                    + settings.port() + "/"), new PostsApplication(application.keptOpen(database)), false);
            server.getServerConfiguration().addHttpHandler(new AppPageHandler(APP_PAGE), "/app");
            try {
                server.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            URI uri = URI.create("http://localhost:" + server.getListener("grizzly").getPort() + "/");
            return new DevServer(mariaDb, database, server, uri, SampleAuthor.issueToken(database));
        } catch (RuntimeException e) {
            mariaDb.ifPresent(EmbeddedMariaDb::stop);
            throw e;
        }
    }

    public URI uri() {
        return uri;
    }

    /** A token of the sample author, issued at this start. */
    public String sampleAuthorToken() {
        return sampleAuthorToken;
    }

    @Override
    public void close() {
        server.shutdownNow();
        database.close();
        mariaDb.ifPresent(EmbeddedMariaDb::stop);
    }
}
