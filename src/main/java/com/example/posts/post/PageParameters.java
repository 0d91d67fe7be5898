package com.example.posts.post;

import com.example.posts.web.ProblemException;
import java.util.Map;
import java.util.Optional;

/** The list's query parameters; a bad one is a 400 that names it. */
final class PageParameters {
    private PageParameters() {
    }

    static int limit(String raw, int defaultLimit, int maxLimit) {
        if (raw == null) {
            return defaultLimit;
        }
        return PostId.parseInRange(raw, 1, maxLimit)
                .orElseThrow(() -> invalid("limit", "must be an integer from 1 to " + maxLimit));
    }

    static Optional<Integer> before(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        return Optional.of(PostId.tryParse(raw)
                .orElseThrow(() -> invalid("before", "must be a post id, an integer from 1 to " + Integer.MAX_VALUE)));
    }

    private static ProblemException invalid(String parameter, String message) {
        return ProblemException.invalid("Invalid query parameter '" + parameter + "'", Map.of(parameter, message));
    }
}
