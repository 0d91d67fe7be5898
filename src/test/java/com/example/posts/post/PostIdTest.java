package com.example.posts.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.posts.support.IndependentOfTestDatabase;
import com.example.posts.web.ProblemException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@IndependentOfTestDatabase
class PostIdTest {

    @Test
    void decimalDigitsWithinTheIdColumnAreIds() {
        assertEquals(Optional.of(1), PostId.tryParse("1"));
        assertEquals(Optional.of(42), PostId.tryParse("0042"));
        assertEquals(Optional.of(Integer.MAX_VALUE), PostId.tryParse("2147483647"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "-1", "+1", " 1", "1.0", "1e3", "abc", "2147483648", "99999999999", "٣"})
    void anythingElseIsNoId(String raw) {
        assertEquals(Optional.empty(), PostId.tryParse(raw));
    }

    @Test
    void aPathThatIsNoIdNamesNoPost() {
        ProblemException notFound = assertThrows(ProblemException.class, () -> PostId.parse("abc"));

        assertEquals(404, notFound.getResponse().getStatus());
    }

    @Test
    void rangesAreInclusive() {
        assertEquals(Optional.of(1), PostId.parseInRange("1", 1, 100));
        assertEquals(Optional.of(100), PostId.parseInRange("100", 1, 100));
        assertEquals(Optional.empty(), PostId.parseInRange("101", 1, 100));
        assertEquals(Optional.empty(), PostId.parseInRange(null, 1, 100));
    }
}
