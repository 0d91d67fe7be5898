package com.example.posts.dev;

import com.example.posts.LoggingBridge;
import com.example.posts.PostsApplication;
import com.example.posts.config.ApiToken;
import com.example.posts.config.BuildInfo;
import com.example.posts.config.ConfigurationException;
import com.example.posts.config.DatabaseSettings;
import com.example.posts.db.ConnectionPool;
import com.example.posts.db.Database;
import com.example.posts.post.Post;
import com.example.posts.support.CsvFixtures;
import com.example.posts.support.EmbeddedMariaDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.apache.tomcat.jdbc.pool.DataSource;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service on a developer's machine with nothing but a JDK: an embedded MariaDB whose data lives in
 * {@code .dev-database/} (so it survives restarts), the application on Grizzly at http://localhost:8080.
 * Run it with {@code ./mvnw -Pdev}. PORT and POSTS_API_TOKEN may be set; without a token one is generated.
 */
public final class DevServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DevServer.class);
    private static final String DATABASE = "posts";
    private static final Path APP_PAGE = Path.of("src/main/webapp/app");
    private static final String SAMPLE_POSTS = "fixtures/posts.csv";

    private final EmbeddedMariaDb mariaDb;
    private final Database database;
    private final HttpServer server;
    private final URI uri;

    private DevServer(EmbeddedMariaDb mariaDb, Database database, HttpServer server, URI uri) {
        this.mariaDb = mariaDb;
        this.database = database;
        this.server = server;
        this.uri = uri;
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
        LoggingBridge.install();
        DevServer dev = start(Path.of(".dev-database"), settings.port(), settings.token());
        Runtime.getRuntime().addShutdownHook(new Thread(dev::close, "dev-server-shutdown"));
        LOG.info("posts-service is running at {} (Ctrl-C to stop)", dev.uri());
        LOG.info("Writes need the header: Authorization: Bearer {}{}", settings.token(),
                settings.tokenGenerated() ? "   (generated; set POSTS_API_TOKEN to choose one)" : "");
        LOG.info("Try: curl {}posts, or open {}app/ in a browser", dev.uri(), dev.uri());
        Thread.currentThread().join();
    }

    /** Starts the database (creating it and the sample posts on first start) and the HTTP server. */
    public static DevServer start(Path dataDir, int port, String token) {
        boolean firstStart = !Files.isDirectory(dataDir);
        EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start(Optional.of(dataDir.toAbsolutePath().toFile()));
        mariaDb.createDatabase(DATABASE);
        DataSource pool = ConnectionPool.create(new DatabaseSettings("127.0.0.1", mariaDb.port(), "root", "", DATABASE));
        Database database = Database.open(pool, pool::close);
        if (firstStart) {
            // The original app's two posts, the tests' fixtures, so a new database has something to show.
            new CsvFixtures(database.sessionFactory()).load(Post.class, SAMPLE_POSTS);
            LOG.info("Inserted the sample posts of {} into the new database", SAMPLE_POSTS);
        }
        PostsApplication application =
                new PostsApplication(database, ApiToken.of(token), BuildInfo.version(), Clock.systemUTC());
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(
                URI.create("http://localhost:" + port + "/"), application, false);
        server.getServerConfiguration().addHttpHandler(new AppPageHandler(APP_PAGE), "/app");
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        URI uri = URI.create("http://localhost:" + server.getListener("grizzly").getPort() + "/");
        return new DevServer(mariaDb, database, server, uri);
    }

    public URI uri() {
        return uri;
    }

    @Override
    public void close() {
        server.shutdownNow();
        database.close();
        mariaDb.stop();
    }
}
