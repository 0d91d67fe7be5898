package com.example.posts.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A replica's state as checks and failed reads report it, in whichever order they land. */
class ReplicaNodeTest {
    private static final Duration MAX_LAG = Duration.ofSeconds(10);

    private final ReplicaNode replica = new ReplicaNode("replica-1", null);

    @Test
    void aCheckThatWasRunningWhenAReadFoundTheReplicaDownDoesNotBringItBack() {
        long marksAtStart = replica.downMarks();
        replica.markDown();

        replica.checked(Optional.of(Duration.ZERO), MAX_LAG, marksAtStart);

        assertEquals(ReplicaNode.State.DOWN, replica.state());
    }

    @Test
    void aCheckBegunAfterTheMarkBringsItBack() {
        replica.markDown();

        replica.checked(Optional.of(Duration.ofSeconds(1)), MAX_LAG, replica.downMarks());

        assertEquals(ReplicaNode.State.UP, replica.state());
        assertEquals(Optional.of(Duration.ofSeconds(1)), replica.lag());
    }

    @Test
    void aCheckPastTheMaximumLagMarksItLagging() {
        replica.checked(Optional.of(MAX_LAG.plusSeconds(1)), MAX_LAG, replica.downMarks());

        assertEquals(ReplicaNode.State.LAGGING, replica.state());
    }
}
