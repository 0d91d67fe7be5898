package com.example.posts.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The value of an If-Match or If-None-Match header, parsed strictly and once (RFC 9110 8.8.3, 13.1.1, 13.1.2):
 * {@code *}, or a comma-separated list of entity tags such as {@code "3"} or {@code W/"3"}. Several header
 * lines make one list, and empty elements are ignored. Anything else is malformed, so a client's bug (an
 * unquoted {@code 3}) is told to the client instead of being guessed at.
 */
public final class EntityTagList {
    private static final EntityTagList ANY = new EntityTagList(true, List.of());

    private final boolean any;
    private final List<Tag> tags;

    private record Tag(String opaque, boolean weak) {
    }

    private EntityTagList(boolean any, List<Tag> tags) {
        this.any = any;
        this.tags = tags;
    }

    /** The list the header lines hold, or empty when they are not {@code *} nor a list of entity tags. */
    public static Optional<EntityTagList> parse(List<String> lines) {
        String value = String.join(",", lines);
        if (trimOws(value).equals("*")) {
            return Optional.of(ANY);
        }
        List<Tag> tags = new ArrayList<>();
        int i = skipOws(value, 0);
        while (i < value.length()) {
            if (value.charAt(i) == ',') {
                i = skipOws(value, i + 1);
                continue;
            }
            boolean weak = value.startsWith("W/", i);
            int open = weak ? i + 2 : i;
            if (open >= value.length() || value.charAt(open) != '"') {
                return Optional.empty();
            }
            int close = open + 1;
            while (close < value.length() && isEtagc(value.charAt(close))) {
                close++;
            }
            if (close >= value.length() || value.charAt(close) != '"') {
                return Optional.empty();
            }
            tags.add(new Tag(value.substring(open + 1, close), weak));
            i = skipOws(value, close + 1);
            if (i < value.length() && value.charAt(i) != ',') {
                return Optional.empty();
            }
        }
        return Optional.of(new EntityTagList(false, List.copyOf(tags)));
    }

    /** For If-Match: {@code *}, or the same strong tag; a weak tag never matches. */
    public boolean matchesStrongly(String strongTag) {
        return any || tags.stream().anyMatch(tag -> !tag.weak() && tag.opaque().equals(strongTag));
    }

    /** For If-None-Match: {@code *}, or a tag with the same opaque value, weak or not. */
    public boolean matchesWeakly(String strongTag) {
        return any || tags.stream().anyMatch(tag -> tag.opaque().equals(strongTag));
    }

    /** etagc = %x21 / %x23-7E / obs-text; headers reach us decoded as ISO-8859-1, one char per byte. */
    private static boolean isEtagc(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);
    }

    private static int skipOws(String value, int from) {
        int i = from;
        while (i < value.length() && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static String trimOws(String value) {
        int start = skipOws(value, 0);
        int end = value.length();
        while (end > start && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
            end--;
        }
        return value.substring(start, end);
    }
}
