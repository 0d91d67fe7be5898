package com.example.posts.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** If-Match and If-None-Match values as RFC 9110 writes them, and the client bugs that must not pass. */
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

    @Test
    void starMatchesEveryTag() {
        EntityTagList any = EntityTagList.parse(List.of(" * ")).orElseThrow();

        assertTrue(any.matchesStrongly("3"));
        assertTrue(any.matchesWeakly("3"));
    }

    @Test
    void weakTagMatchesOnlyWeakly() {
        EntityTagList weak = EntityTagList.parse(List.of("W/\"3\"")).orElseThrow();

        assertFalse(weak.matchesStrongly("3"));
        assertTrue(weak.matchesWeakly("3"));
    }

    @Test
    void otherTagsDoNotMatch() {
        EntityTagList others = EntityTagList.parse(List.of("\"30\", \"\", W/\"4\"")).orElseThrow();

        assertFalse(others.matchesStrongly("3"));
        assertFalse(others.matchesWeakly("3"));
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
