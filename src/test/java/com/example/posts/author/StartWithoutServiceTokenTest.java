package com.example.posts.author;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.ApplicationSettings;
import com.example.posts.PostsApplication;
import com.example.posts.config.ApiToken;
import com.example.posts.config.ConfigurationException;
import com.example.posts.support.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDateTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Without POSTS_API_TOKEN the service starts only when the database holds an enabled admin. */
class StartWithoutServiceTokenTest {
    private final AuthorRepository authors = new AuthorRepository(TestDatabase.shared().database().sessionFactory());

    @BeforeEach
    void emptyDatabase() {
        TestDatabase.shared().resetWithFixtures();
    }

    private static PostsApplication start() {
        return new PostsApplication(ApplicationSettings.servingFrom(TestDatabase.shared().database(), ApiToken.notSet()));
    }

    @Test
    void noAdminAnywhereFailsStartUpSayingWhatToDo() {
        authors.create("ann@example.com", "Ann", Role.AUTHOR, LocalDateTime.now());

        String failure = assertThrows(ConfigurationException.class, StartWithoutServiceTokenTest::start).getMessage();

        assertTrue(failure.contains("POSTS_API_TOKEN is not set and the database holds no enabled admin"), failure);
    }

    @Test
    void aDisabledAdminDoesNotCount() throws Exception {
        authors.create("root@example.com", "Root", Role.ADMIN, LocalDateTime.now());
        // Disabled by hand: the API keeps the last enabled admin.
        try (Connection connection = TestDatabase.shared().database().dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE author SET disabled_time = created_time");
        }

        assertThrows(ConfigurationException.class, StartWithoutServiceTokenTest::start);
    }

    @Test
    void anEnabledAdminIsEnough() {
        authors.create("root@example.com", "Root", Role.ADMIN, LocalDateTime.now());

        assertDoesNotThrow(StartWithoutServiceTokenTest::start);
    }
}
