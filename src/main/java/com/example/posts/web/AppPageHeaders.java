package com.example.posts.web;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The headers of the browser page under /app/, set by {@link AppPageFilter} on Tomcat and by the dev server:
 * a policy that lets the page load only its own files and call only this service, and caching that always
 * revalidates (the server's ETag and Last-Modified make that a 304 when nothing changed).
 */
public final class AppPageHeaders {
    /** No inline script or style; form-action 'none' because every form is sent by script, never natively. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    public static final String CACHE_CONTROL = "no-cache";

    private static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "Cache-Control", CACHE_CONTROL,
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer");

    private AppPageHeaders() {
    }

    /** Sets each header through {@code setHeader} (name, value). */
    public static void applyTo(BiConsumer<String, String> setHeader) {
        HEADERS.forEach(setHeader);
    }
}
