package com.example.posts.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.IndependentOfTestDatabase;
import org.junit.jupiter.api.Test;

@IndependentOfTestDatabase
class GtidPositionTest {

    @Test
    void aServerCoversPositionsItHasReachedInEveryDomain() {
        GtidPosition replica = GtidPosition.parse("0-1-100,1-2-7");

        assertTrue(replica.covers(GtidPosition.parse("0-1-100")));
        assertTrue(replica.covers(GtidPosition.parse("0-3-99,1-2-7")), "the server id does not order GTIDs");
        assertTrue(replica.covers(GtidPosition.EMPTY));
        assertFalse(replica.covers(GtidPosition.parse("0-1-101")));
        assertFalse(replica.covers(GtidPosition.parse("0-1-1,2-1-1")), "a domain it has never seen");
    }

    @Test
    void anEmptyPositionCoversOnlyTheEmptyOne() {
        assertTrue(GtidPosition.parse("").covers(GtidPosition.EMPTY));
        assertFalse(GtidPosition.parse(" ").covers(GtidPosition.parse("0-1-1")));
    }

    @Test
    void keepsTheServersTextForMasterGtidWait() {
        assertEquals("0-1-100,1-2-7", GtidPosition.parse(" 0-1-100,1-2-7 ").text());
    }

    @Test
    void refusesWhatIsNotAGtidList() {
        for (String bad : new String[] {"0-1", "a-1-1", "0-1-1,", "0-1-1;1-1-1", "0-1-1,0-2-2", "0--1-1",
                "0-1-" + "9".repeat(21), "0-1-1,".repeat(64) + "99-1-1"}) {
            assertThrows(IllegalArgumentException.class, () -> GtidPosition.parse(bad), bad);
        }
    }
}
