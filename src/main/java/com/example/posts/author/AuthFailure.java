package com.example.posts.author;

import java.util.Locale;

/** Why a request that needed a token was refused; /metrics counts each (posts_auth_failures_total{reason}). */
public enum AuthFailure {
    MISSING("This request needs an Authorization: Bearer <token> header"),
    MALFORMED("The Authorization header is not a bearer token this service issues: check that it was copied "
            + "whole"),
    UNKNOWN("The bearer token is not valid"),
    REVOKED("The bearer token has been revoked"),
    EXPIRED("The bearer token has expired"),
    DISABLED("The bearer token's author is disabled"),
    FORBIDDEN("The bearer token may not do this");

    private final String detail;

    AuthFailure(String detail) {
        this.detail = detail;
    }

    /** The answer's detail; the same for every token, so it tells nothing about another author's. */
    public String detail() {
        return detail;
    }

    /** As /metrics tags it. */
    public String reason() {
        return name().toLowerCase(Locale.ROOT);
    }
}
