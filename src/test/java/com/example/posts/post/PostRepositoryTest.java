package com.example.posts.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.ResetDatabase;
import com.example.posts.support.TestDatabase;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The repository on a real SessionFactory and database. */
@ResetDatabase
class PostRepositoryTest {
    private final PostRepository posts = new PostRepository(TestDatabase.shared().database().sessionFactory());

    @Test
    void findsNewestFirstBelowAnId() {
        posts.create("third", "c@b.co", LocalDateTime.of(2020, 1, 1, 0, 0));

        assertEquals(List.of(3, 2, 1), posts.findNewest(Optional.empty(), 10).stream().map(Post::id).toList());
        assertEquals(List.of(2), posts.findNewest(Optional.of(3), 1).stream().map(Post::id).toList());
    }

    @Test
    void replaceIncrementsTheVersion() {
        int before = posts.findById(1).orElseThrow().version();

        Post replaced = posts.replace(1, "new", "n@b.co", post -> { }).orElseThrow();

        assertEquals(before + 1, replaced.version());
        assertEquals(before + 1, posts.findById(1).orElseThrow().version());
    }

    @Test
    void failedPreconditionRollsBack() {
        assertThrows(IllegalStateException.class, () -> posts.replace(1, "new", "n@b.co", post -> {
            throw new IllegalStateException("stale");
        }));

        assertEquals("Hello", posts.findById(1).orElseThrow().content());
    }

    @Test
    void missingPostsAreEmptyOrFalse() {
        assertTrue(posts.findById(42).isEmpty());
        assertTrue(posts.replace(42, "x", "x@b.co", post -> { }).isEmpty());
        assertFalse(posts.delete(42, post -> { }));
    }

    @Test
    void deleteRemovesThePost() {
        assertTrue(posts.delete(2, post -> { }));

        assertTrue(posts.findById(2).isEmpty());
    }
}
