package com.example.posts.replica;

import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One replica and what is known of it: reachable or not, and how far behind the primary, as the
 * {@link ReplicaMonitor} last saw it. A read that loses its connection marks it down at once. Only a good
 * check begun after that mark brings it back: one already running when the read failed may have seen the
 * replica before the failure.
 */
public final class ReplicaNode {
    public enum State { UP, LAGGING, DOWN }

    private final String name;
    private final DataSource dataSource;
    private volatile State state = State.UP;
    private volatile Optional<Duration> lag = Optional.empty();
    private long downMarks; // guarded by this

    public ReplicaNode(String name, DataSource dataSource) {
        this.name = name;
        this.dataSource = dataSource;
    }

    public String name() {
        return name;
    }

    DataSource dataSource() {
        return dataSource;
    }

    public State state() {
        return state;
    }

    /** Behind the primary by this much at the last check; empty when unknown (the primary not reachable). */
    public Optional<Duration> lag() {
        return lag;
    }

    boolean servesReads() {
        return state == State.UP;
    }

    /** How often it was marked down so far: a check takes this before it starts, and hands it to {@link #checked}. */
    synchronized long downMarks() {
        return downMarks;
    }

    /** A check that began when {@link #downMarks} was {@code marksAtStart}; ignored if it was marked down since. */
    synchronized void checked(Optional<Duration> measuredLag, Duration maxLag, long marksAtStart) {
        if (downMarks != marksAtStart) {
            return;
        }
        lag = measuredLag;
        state = measuredLag.filter(behind -> behind.compareTo(maxLag) > 0).isPresent() ? State.LAGGING : State.UP;
    }

    synchronized void markDown() {
        downMarks++;
        state = State.DOWN;
    }

    @Override
    public String toString() {
        return name;
    }
}
