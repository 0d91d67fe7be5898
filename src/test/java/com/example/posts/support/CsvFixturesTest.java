package com.example.posts.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.post.Post;
import com.example.posts.post.PostRepository;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

@ResetDatabase(fixtures = false)
class CsvFixturesTest {
    private final TestDatabase db = TestDatabase.shared();
    private final PostRepository posts = new PostRepository(db.database().sessionFactory());

    @Test
    void loadsTheOriginalRowsWithTypedValues() {
        db.fixtures().load(Post.class, "fixtures/posts.csv");

        Post second = posts.findById(2).orElseThrow();
        assertEquals("Second", second.content());
        assertEquals("me@fb.com", second.authorEmail());
        assertEquals(LocalDateTime.of(2018, 10, 4, 15, 20, 0), second.createdTime());
    }

    @Test
    void readsQuotedFields() {
        db.fixtures().load(Post.class, "fixtures/quoted.csv");

        assertEquals("Quoted, with comma and \"quotes\"", posts.findById(7).orElseThrow().content());
    }

    @Test
    void valueThatDoesNotFitNamesFileLineAndColumn() {
        CsvFixtures.FixtureException failure = assertThrows(CsvFixtures.FixtureException.class,
                () -> db.fixtures().load(Post.class, "fixtures/broken/bad-time.csv"));

        assertTrue(failure.getMessage().startsWith("fixtures/broken/bad-time.csv line 3, column created_time: "
                + "'yesterday' is not a LocalDateTime"), failure.getMessage());
        assertTrue(posts.findById(5).isEmpty(), "a broken file loads nothing");
    }

    @Test
    void unknownColumnNamesFileAndColumn() {
        CsvFixtures.FixtureException failure = assertThrows(CsvFixtures.FixtureException.class,
                () -> db.fixtures().load(Post.class, "fixtures/broken/unknown-column.csv"));

        assertTrue(failure.getMessage().startsWith("fixtures/broken/unknown-column.csv line 1, column author: "),
                failure.getMessage());
    }

    @Test
    void resetEmptiesTablesAndRestartsIds() {
        db.fixtures().load(Post.class, "fixtures/posts.csv");

        db.reset();

        assertTrue(posts.findNewest(java.util.Optional.empty(), 10).isEmpty());
        assertEquals(1, posts.create("after reset", "a@b.co", LocalDateTime.now().withNano(0)).id());
    }
}
