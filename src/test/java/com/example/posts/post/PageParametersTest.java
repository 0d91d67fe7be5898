package com.example.posts.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.IndependentOfTestDatabase;
import com.example.posts.web.Problem;
import com.example.posts.web.ProblemException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@IndependentOfTestDatabase
class PageParametersTest {

    @Test
    void limitDefaultsWhenAbsentAndIsTakenWhenInRange() {
        assertEquals(20, PageParameters.limit(null, 20, 100));
        assertEquals(1, PageParameters.limit("1", 20, 100));
        assertEquals(100, PageParameters.limit("100", 20, 100));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "101", "-5", "ten", "1.5"})
    void aLimitOutOfRangeIsABadRequestNamingIt(String raw) {
        Problem problem = problemOf(assertThrows(ProblemException.class, () -> PageParameters.limit(raw, 20, 100)));

        assertEquals(400, problem.status());
        assertEquals(Map.of("limit", "must be an integer from 1 to 100"), problem.errors());
    }

    @Test
    void beforeIsAPostIdWhenGiven() {
        assertEquals(Optional.empty(), PageParameters.before(null));
        assertEquals(Optional.of(7), PageParameters.before("7"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "x", "2147483648"})
    void aBeforeThatIsNoPostIdIsABadRequestNamingIt(String raw) {
        Problem problem = problemOf(assertThrows(ProblemException.class, () -> PageParameters.before(raw)));

        assertEquals(400, problem.status());
        assertEquals(1, problem.errors().size());
        assertTrue(problem.errors().containsKey("before"), problem.errors().toString());
    }

    private static Problem problemOf(ProblemException exception) {
        return (Problem) exception.getResponse().getEntity();
    }
}
