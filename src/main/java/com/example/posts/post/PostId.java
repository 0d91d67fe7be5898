package com.example.posts.post;

import com.example.posts.web.IntParameter;
import com.example.posts.web.ProblemException;
import java.util.Optional;

/** Post ids as they arrive in paths and query strings: decimal digits within the INT id column's range. */
final class PostId {
    private PostId() {
    }

    /** For paths: anything that cannot be a row of the id column names no post, so it is a 404, not a 400. */
    static int parse(String raw) {
        return tryParse(raw).orElseThrow(() -> notFound(raw));
    }

    static Optional<Integer> tryParse(String raw) {
        return parseInRange(raw, 1, Integer.MAX_VALUE);
    }

    static Optional<Integer> parseInRange(String raw, int min, int max) {
        return IntParameter.parseInRange(raw, min, max);
    }

    static ProblemException notFound(Object id) {
        return ProblemException.notFound("There is no post with id " + id);
    }
}
