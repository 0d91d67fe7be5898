package com.example.posts.web;

import java.util.Set;

/**
 * The paths of accounts and tokens ({@code /me}, {@code /authors/...}), told by their first segment without
 * matrix parameters, as Jersey matches them: "/me;x=1" and "//authors" are these paths too. The one rule for
 * the filter that asks a token of their reads and for the answers that speak of accounts.
 */
final class AccountPaths {
    private static final Set<String> FIRST_SEGMENTS = Set.of("me", "authors");

    private AccountPaths() {
    }

    /** @param path a request's path, relative to the application or not */
    static boolean covers(String path) {
        int start = 0;
        while (start < path.length() && path.charAt(start) == '/') {
            start++;
        }
        int end = start;
        while (end < path.length() && path.charAt(end) != '/' && path.charAt(end) != ';') {
            end++;
        }
        return FIRST_SEGMENTS.contains(path.substring(start, end));
    }
}
