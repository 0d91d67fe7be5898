package com.example.posts.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.posts.support.IndependentOfTestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@IndependentOfTestDatabase
class PrimaryPositionsTest {
    private static final Instant T0 = Instant.parse("2026-12-08T10:00:00Z");
    private final PrimaryPositions positions = new PrimaryPositions(Duration.ofSeconds(10));

    @Test
    void unknownBeforeThePrimaryWasSeen() {
        assertEquals(Optional.empty(), positions.lagOf(GtidPosition.parse("0-1-1"), T0));
    }

    @Test
    void aReplicaThatHasEverythingIsNotBehind() {
        positions.record(T0, GtidPosition.parse("0-1-5"));

        assertEquals(Optional.of(Duration.ZERO), positions.lagOf(GtidPosition.parse("0-1-5"), T0.plusSeconds(30)));
    }

    @Test
    void aReplicaIsAsFarBehindAsTheOldestPositionItLacks() {
        positions.record(T0, GtidPosition.parse("0-1-5"));
        positions.record(T0.plusSeconds(1), GtidPosition.parse("0-1-6"));
        positions.record(T0.plusSeconds(2), GtidPosition.parse("0-1-6"));
        positions.record(T0.plusSeconds(3), GtidPosition.parse("0-1-9"));

        Instant now = T0.plusSeconds(4);
        assertEquals(Optional.of(Duration.ofSeconds(1)), positions.lagOf(GtidPosition.parse("0-1-6"), now));
        assertEquals(Optional.of(Duration.ofSeconds(3)), positions.lagOf(GtidPosition.parse("0-1-5"), now));
        assertEquals(Optional.of(Duration.ofSeconds(4)), positions.lagOf(GtidPosition.parse("0-1-4"), now));
    }

    @Test
    void positionsOlderThanTheBoundAreForgottenButABehindReplicaStaysPastIt() {
        positions.record(T0, GtidPosition.parse("0-1-5"));
        positions.record(T0.plusSeconds(20), GtidPosition.parse("0-1-6"));
        positions.record(T0.plusSeconds(30), GtidPosition.parse("0-1-7"));

        Duration lag = positions.lagOf(GtidPosition.parse("0-1-4"), T0.plusSeconds(31)).orElseThrow();
        assertEquals(Duration.ofSeconds(11), lag, "behind everything kept: at least the oldest kept position's age");
    }

    @Test
    void whileThePrimaryIsUnreachableTheLagIsUnknown() {
        positions.record(T0, GtidPosition.parse("0-1-5"));

        positions.forget();

        assertEquals(Optional.empty(), positions.lagOf(GtidPosition.parse("0-1-4"), T0.plusSeconds(60)));
    }
}
