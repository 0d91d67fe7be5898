package com.example.posts.post;

import com.example.posts.web.ProblemException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} of a POST (IETF httpapi draft): a structured-field string, {@code "…"}, or a bare
 * token, as clients send both. Bounded in length and charset so that it can be stored and logged as it is:
 * letters, digits and {@code - _ . : ~ + / =} cover UUIDs, ULIDs and base64 of either alphabet.
 */
public record IdempotencyKey(String value) {
    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_LENGTH = 128;
    private static final String CHARACTERS = "[A-Za-z0-9._~:+/=-]{1," + MAX_LENGTH + "}";
    private static final Pattern KEY = Pattern.compile("\"(" + CHARACTERS + ")\"|(" + CHARACTERS + ")");
    private static final Pattern VALUE = Pattern.compile(CHARACTERS);

    public IdempotencyKey {
        if (value == null || !VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("Not an idempotency key: " + value);
        }
    }

    /** Empty when the request has no key; a 400 problem when it has a bad one or several. */
    public static Optional<IdempotencyKey> from(List<String> headerValues) {
        if (headerValues == null || headerValues.isEmpty()) {
            return Optional.empty();
        }
        if (headerValues.size() > 1) {
            throw invalid("is sent more than once");
        }
        Matcher key = KEY.matcher(headerValues.get(0).strip());
        if (!key.matches()) {
            throw invalid("must be 1 to " + MAX_LENGTH + " letters, digits or - _ . : ~ + / =, quoted (\"…\") or"
                    + " not");
        }
        return Optional.of(new IdempotencyKey(key.group(1) != null ? key.group(1) : key.group(2)));
    }

    private static ProblemException invalid(String why) {
        return new ProblemException(400, "The " + HEADER + " header " + why);
    }
}
