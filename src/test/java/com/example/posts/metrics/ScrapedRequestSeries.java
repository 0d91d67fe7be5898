package com.example.posts.metrics;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The http_server_requests_seconds family of a Prometheus scrape, for comparing two scrapes: its types and
 * series, tags sorted, each with its count (other values are timings and are only said to be present).
 * Requests to /metrics are left out: the scrape that reads a registry has not yet been counted in it.
 */
final class ScrapedRequestSeries {
    static final String FAMILY = "http_server_requests_seconds";
    private static final Pattern SAMPLE = Pattern.compile("(" + FAMILY + "\\w*)(?:\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final String PRESENT = "present";

    private ScrapedRequestSeries() {
    }

    static SortedMap<String, String> of(String scrape) {
        SortedMap<String, String> series = new TreeMap<>();
        for (String line : scrape.lines().toList()) {
            if (line.startsWith("# TYPE " + FAMILY)) {
                series.put(line, PRESENT);
            }
            Matcher sample = SAMPLE.matcher(line);
            if (sample.matches() && !line.contains("uri=\"/metrics\"")) {
                String name = sample.group(1);
                series.put(name + sortedLabels(sample.group(2)), name.endsWith("_count") ? sample.group(3) : PRESENT);
            }
        }
        return series;
    }

    /** Each series that one side lacks or counts otherwise, with both sides' values ("-" where it is missing). */
    static SortedMap<String, String> differences(Map<String, String> expected, Map<String, String> actual) {
        TreeSet<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        SortedMap<String, String> differences = new TreeMap<>();
        for (String key : keys) {
            if (!Objects.equals(expected.get(key), actual.get(key))) {
                differences.put(key, expected.getOrDefault(key, "-") + " | " + actual.getOrDefault(key, "-"));
            }
        }
        return differences;
    }

    private static String sortedLabels(String labels) {
        SortedMap<String, String> sorted = new TreeMap<>();
        Matcher label = LABEL.matcher(labels == null ? "" : labels);
        while (label.find()) {
            sorted.put(label.group(1), label.group(2));
        }
        return sorted.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }
}
