package com.example.posts.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.post.Post;
import com.example.posts.post.PostRepository;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** {@link ResetDatabase}: what one test writes, the next one sees or not, as the annotation says. */
class ResetDatabaseTest {
    private final PostRepository posts = new PostRepository(TestDatabase.shared().database().sessionFactory());

    private List<Integer> ids() {
        return posts.findNewest(Optional.empty(), 10).stream().map(Post::id).toList();
    }

    private void write() {
        posts.create("written by a test", "t@b.co", LocalDateTime.of(2020, 1, 1, 0, 0));
    }

    @Nested
    @ResetDatabase
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class BeforeEachTest {
        @Test
        @Order(1)
        void givenTheFixturesAWriteAddsTheThirdPost() {
            write();

            assertEquals(List.of(3, 2, 1), ids());
        }

        @Test
        @Order(2)
        void theNextTestFindsTheFixturesAlone() {
            assertEquals(List.of(2, 1), ids());
        }
    }

    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @ResetDatabase(ResetDatabase.Before.ALL_TESTS)
    class BeforeAllTests {
        @Test
        @Order(1)
        void theFirstTestWrites() {
            write();
        }

        @Test
        @Order(2)
        void theNextTestFindsTheWriteBesideTheFixtures() {
            assertEquals(List.of(3, 2, 1), ids());
        }
    }

    @Nested
    @ResetDatabase(fixtures = false)
    class WithoutFixtures {
        @Test
        void theTablesAreEmptyAndIdsStartAgain() {
            assertTrue(ids().isEmpty());

            write();

            assertEquals(List.of(1), ids());
        }
    }
}
