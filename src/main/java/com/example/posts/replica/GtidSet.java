package com.example.posts.replica;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A MySQL GTID set, as {@code @@global.gtid_executed} gives it: for each source (a server's UUID, with a tag
 * since MySQL 8.3), the ranges of transaction numbers applied, e.g. {@code 3e11fa47-…:1-5:7,…:tag:1-2}.
 * A server has applied a set when each of its ranges lies within one of the server's.
 */
public record GtidSet(Map<String, List<long[]>> rangesBySource, String text) implements ReplicationPosition {
    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final String TAG = "[A-Za-z_][A-Za-z0-9_]{0,31}";
    private static final String RANGE = "[0-9]{1,19}(-[0-9]{1,19})?";
    private static final int MAX_SOURCES = 1024;

    public GtidSet {
        rangesBySource = Collections.unmodifiableMap(new TreeMap<>(rangesBySource));
    }

    /** @throws IllegalArgumentException when the text is not a GTID set */
    public static GtidSet parse(String text) {
        String compact = text == null ? "" : text.replaceAll("\\s", "");
        Map<String, List<long[]>> ranges = new TreeMap<>();
        if (compact.isEmpty()) {
            return new GtidSet(ranges, "");
        }
        String[] entries = compact.split(",", -1);
        if (entries.length > MAX_SOURCES) {
            throw new IllegalArgumentException("more than " + MAX_SOURCES + " sources");
        }
        for (String entry : entries) {
            if (!entry.matches(UUID + "(:" + TAG + ")?(:" + RANGE + ")+")) {
                throw new IllegalArgumentException("not a GTID set entry: '" + entry + "'");
            }
            String[] parts = entry.split(":");
            int firstRange = parts[1].matches(TAG) ? 2 : 1;
            String source = (parts[0] + (firstRange == 2 ? ":" + parts[1] : "")).toLowerCase();
            List<long[]> sourceRanges = ranges.computeIfAbsent(source, key -> new ArrayList<>());
            for (int i = firstRange; i < parts.length; i++) {
                sourceRanges.add(range(parts[i]));
            }
        }
        return new GtidSet(ranges, compact);
    }

    @Override
    public boolean covers(ReplicationPosition other) {
        if (!(other instanceof GtidSet wanted)) {
            return false;
        }
        for (Map.Entry<String, List<long[]>> source : wanted.rangesBySource.entrySet()) {
            List<long[]> have = rangesBySource.getOrDefault(source.getKey(), List.of());
            for (long[] range : source.getValue()) {
                if (have.stream().noneMatch(held -> held[0] <= range[0] && range[1] <= held[1])) {
                    return false;
                }
            }
        }
        return true;
    }

    private static long[] range(String text) {
        int dash = text.indexOf('-');
        long first = Long.parseLong(dash < 0 ? text : text.substring(0, dash));
        long last = dash < 0 ? first : Long.parseLong(text.substring(dash + 1));
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("not a range of transactions: '" + text + "'");
        }
        return new long[] {first, last};
    }

    @Override
    public String toString() {
        return text;
    }
}
