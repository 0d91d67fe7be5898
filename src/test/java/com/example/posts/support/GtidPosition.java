package com.example.posts.support;

import java.util.HashMap;
import java.util.Map;

/**
 * A MariaDB GTID position such as "0-1-42" or "0-1-42,1-3-7": per replication domain, the sequence number of
 * the last transaction (domain-server-sequence).
 */
record GtidPosition(String text, Map<Long, Long> sequenceByDomain) {

    static GtidPosition parse(String text) {
        Map<Long, Long> sequenceByDomain = new HashMap<>();
        for (String gtid : text.strip().split(",")) {
            if (gtid.isBlank()) {
                continue;
            }
            String[] parts = gtid.strip().split("-");
            if (parts.length != 3) {
                throw new IllegalArgumentException("Not a GTID position: '" + text + "'");
            }
            sequenceByDomain.merge(Long.parseLong(parts[0]), Long.parseLong(parts[2]), Math::max);
        }
        return new GtidPosition(text.strip(), Map.copyOf(sequenceByDomain));
    }

    /** Whether every domain of {@code target} is here, at its sequence number or past it. */
    boolean reached(GtidPosition target) {
        return target.sequenceByDomain.entrySet().stream()
                .allMatch(domain -> sequenceByDomain.getOrDefault(domain.getKey(), -1L) >= domain.getValue());
    }

    @Override
    public String toString() {
        return text.isEmpty() ? "(empty)" : text;
    }
}
