package com.example.posts.replica;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A MariaDB replication position: the last GTID of each replication domain ({@code domain-server-sequence},
 * separated by commas), as {@code @@gtid_binlog_pos} and {@code @@gtid_slave_pos} give it. A server has applied
 * a position when, in every domain of that position, it is at the same sequence number or further.
 */
public record GtidPosition(Map<Long, Long> sequenceByDomain, String text) implements ReplicationPosition {
    public static final GtidPosition EMPTY = new GtidPosition(Map.of(), "");
    private static final String ONE_GTID = "[0-9]{1,10}-[0-9]{1,10}-[0-9]{1,20}";
    private static final int MAX_DOMAINS = 64;

    public GtidPosition {
        sequenceByDomain = Collections.unmodifiableMap(new TreeMap<>(sequenceByDomain));
    }

    /** @throws IllegalArgumentException when the text is not a GTID list */
    public static GtidPosition parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            return EMPTY;
        }
        String[] gtids = trimmed.split(",", -1);
        if (gtids.length > MAX_DOMAINS) {
            throw new IllegalArgumentException("more than " + MAX_DOMAINS + " replication domains");
        }
        Map<Long, Long> sequences = new TreeMap<>();
        for (String gtid : gtids) {
            if (!gtid.matches(ONE_GTID)) {
                throw new IllegalArgumentException("not a GTID: '" + gtid + "'");
            }
            String[] parts = gtid.split("-");
            long sequence = Long.parseUnsignedLong(parts[2]);
            if (sequences.put(Long.parseLong(parts[0]), sequence) != null) {
                throw new IllegalArgumentException("domain " + parts[0] + " given twice");
            }
        }
        return new GtidPosition(sequences, trimmed);
    }

    @Override
    public boolean covers(ReplicationPosition other) {
        if (!(other instanceof GtidPosition wantedPosition)) {
            return false;
        }
        for (Map.Entry<Long, Long> wanted : wantedPosition.sequenceByDomain.entrySet()) {
            Long reached = sequenceByDomain.get(wanted.getKey());
            if (reached == null || Long.compareUnsigned(reached, wanted.getValue()) < 0) {
                return false;
            }
        }
        return true;
    }

    public boolean isEmpty() {
        return sequenceByDomain.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }
}
