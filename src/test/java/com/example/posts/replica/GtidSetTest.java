package com.example.posts.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.IndependentOfTestDatabase;
import org.junit.jupiter.api.Test;

/** MySQL's GTID sets, as {@code @@global.gtid_executed} writes them (MySQL cannot run here; the format can). */
@IndependentOfTestDatabase
class GtidSetTest {
    private static final String A = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    private static final String B = "4f22ab58-82db-22f2-af44-d91bb0530673";

    @Test
    void aServerCoversTheRangesItHasAppliedFromEachSource() {
        GtidSet replica = GtidSet.parse(A + ":1-100:102-110,\n" + B + ":1-7");

        assertTrue(replica.covers(GtidSet.parse(A + ":1-100")));
        assertTrue(replica.covers(GtidSet.parse(A + ":105," + B + ":3-7")));
        assertTrue(replica.covers(GtidSet.parse("")));
        assertFalse(replica.covers(GtidSet.parse(A + ":1-101")), "101 is missing");
        assertFalse(replica.covers(GtidSet.parse(B + ":8")));
        assertFalse(replica.covers(GtidSet.parse("5a33bc69-93ec-33a3-b055-ea2cc1641784:1")), "a source it never saw");
    }

    @Test
    void tagsAreSourcesOfTheirOwnAndUuidsAreReadInAnyCase() {
        GtidSet replica = GtidSet.parse(A.toUpperCase() + ":1-5," + A + ":batch:1-2");

        assertTrue(replica.covers(GtidSet.parse(A + ":batch:2," + A + ":5")));
        assertFalse(replica.covers(GtidSet.parse(A + ":other:1")));
    }

    @Test
    void keepsTheServersTextWithoutItsLineBreaks() {
        assertEquals(A + ":1-5," + B + ":1", GtidSet.parse(A + ":1-5,\n" + B + ":1").text());
    }

    @Test
    void neverCoversAMariaDbPosition() {
        assertFalse(GtidSet.parse(A + ":1-5").covers(GtidPosition.parse("0-1-1")));
        assertFalse(GtidPosition.parse("0-1-1").covers(GtidSet.parse(A + ":1")));
    }

    @Test
    void refusesWhatIsNotAGtidSet() {
        for (String bad : new String[] {"0-1-5", A, A + ":", A + ":0", A + ":5-3", A + ":1,",
                "zz" + A.substring(2) + ":1",
                A + ":1tag:1", A + ":1-2-3"}) {
            assertThrows(IllegalArgumentException.class, () -> GtidSet.parse(bad), bad);
        }
    }
}
