package com.example.posts.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.IndependentOfTestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** If-Match and If-None-Match values as RFC 9110 writes them, and the client bugs that must not pass. */
@IndependentOfTestDatabase
class EntityTagListTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "3", "W/3", "\"3", "3\"", "\"3\" \"4\"", "\"3\"x", "w/\"3\"", "W /\"3\"",
            "\"a b\"", "\"a\"b\"", "*, \"3\"", "**", "\"3\";", "\"\u0100\"", "\"tab\there\""})
    void refusesWhatIsNotAListOfEntityTags(String value) {
        assertTrue(EntityTagList.parse(List.of(value)).isEmpty(), value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"3\"", " \"3\" ", "\"1\",\"3\"", "\"1\" , W/\"2\",\t\"3\"", ",\"3\",,", "\"x\", \"3\""})
    void findsTheStrongTagInAWellFormedList(String value) {
        assertTrue(EntityTagList.parse(List.of(value)).orElseThrow().matchesStrongly("3"), value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "' * '                  | true  | true",  // the star matches every tag
        "'W/\"3\"'              | false | true",  // a weak tag matches only weakly
        "'\"30\", \"\", W/\"4\"' | false | false", // other tags do not match
    })
    void matchesTagThreeAsTheComparisonsSay(String value, boolean strongly, boolean weakly) {
        EntityTagList list = EntityTagList.parse(List.of(value)).orElseThrow();

        assertEquals(strongly, list.matchesStrongly("3"), value);
        assertEquals(weakly, list.matchesWeakly("3"), value);
    }

    @Test
    void severalHeaderLinesMakeOneList() {
        EntityTagList list = EntityTagList.parse(List.of("\"1\"", "\"2\", \"3\"")).orElseThrow();

        assertTrue(list.matchesStrongly("3"));
        assertTrue(list.matchesStrongly("1"));
    }

    @Test
    void oneMalformedLineSpoilsTheWholeHeader() {
        assertTrue(EntityTagList.parse(List.of("\"1\"", "2")).isEmpty());
    }

    @Test
    void tagsMayHoldEveryVisibleCharacterButTheQuoteAndObsoleteText() {
        String tag = "!#~/W,\u00e9\u00ff";

        assertTrue(EntityTagList.parse(List.of("\"" + tag + "\"")).orElseThrow().matchesStrongly(tag));
    }

    @Test
    void emptyListMatchesNothing() {
        EntityTagList empty = EntityTagList.parse(List.of(" , ")).orElseThrow();

        assertFalse(empty.matchesStrongly("3"));
        assertFalse(empty.matchesWeakly("3"));
    }
}
