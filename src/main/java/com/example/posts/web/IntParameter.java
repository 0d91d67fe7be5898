package com.example.posts.web;

import java.util.Optional;

/** An integer as it arrives in a path or query string: decimal digits only, within a range. */
public final class IntParameter {
    private IntParameter() {
    }

    public static Optional<Integer> parseInRange(String raw, int min, int max) {
        // At most 10 digits, so the value fits a long before the range check.
        if (raw == null || raw.isEmpty() || raw.length() > 10 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        long value = Long.parseLong(raw);
        return value < min || value > max ? Optional.empty() : Optional.of((int) value);
    }
}
