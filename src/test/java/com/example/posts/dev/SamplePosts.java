package com.example.posts.dev;

import com.example.posts.config.DatabaseSettings;
import com.example.posts.db.Database;
import com.example.posts.post.Post;
import com.example.posts.support.CsvFixtures;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The original app's two posts (the tests' fixtures), so that a new database has something to show. */
final class SamplePosts {
    private static final Logger LOG = LoggerFactory.getLogger(SamplePosts.class);
    private static final String FILE = "fixtures/posts.csv";

    private SamplePosts() {
    }

    /** Whether the schema has never been migrated there: the first start on that database. */
    static boolean isNew(DatabaseSettings settings) {
        try (Connection connection = DriverManager.getConnection(settings.migrationJdbcUrl(), settings.user(),
                settings.password());
             ResultSet history = connection.getMetaData().getTables(settings.database(), null,
                     "flyway_schema_history", null)) {
            return !history.next();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database " + settings + ": " + e.getMessage(), e);
        }
    }

    static void load(Database database) {
        new CsvFixtures(database.sessionFactory()).load(Post.class, FILE);
        LOG.info("Inserted the sample posts of {} into the new database", FILE);
    }
}
