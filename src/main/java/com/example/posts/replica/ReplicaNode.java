package com.example.posts.replica;

import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One replica and what is known of it: reachable or not, and how far behind the primary, as the
 * {@link ReplicaMonitor} last saw it. A read that loses its connection marks it down at once; the monitor's
 * next good check brings it back.
 */
public final class ReplicaNode {
    public enum State { UP, LAGGING, DOWN }

    private final String name;
    private final DataSource dataSource;
    private volatile State state = State.UP;
    private volatile Optional<Duration> lag = Optional.empty();

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

    void checked(Optional<Duration> measuredLag, Duration maxLag) {
        lag = measuredLag;
        state = measuredLag.filter(behind -> behind.compareTo(maxLag) > 0).isPresent() ? State.LAGGING : State.UP;
    }

    void markDown() {
        state = State.DOWN;
    }

    @Override
    public String toString() {
        return name;
    }
}
