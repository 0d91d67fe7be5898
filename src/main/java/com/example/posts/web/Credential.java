package com.example.posts.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Optional;

/**
 * Who sent a write, as far as what they may share goes: the scope of the bearer token they presented
 * (ApiToken.scope(), never the token nor its digest). {@link BearerTokenFilter} attaches it to each write it
 * lets through; an idempotency key is scoped to it, so two senders cannot see each other's results.
 */
public final class Credential {
    private static final String PROPERTY = Credential.class.getName();

    private final byte[] scope;

    public Credential(byte[] scope) {
        this.scope = scope.clone();
    }

    /** The credential the filter attached to this request; empty for a request it did not authenticate. */
    public static Optional<Credential> of(ContainerRequestContext request) {
        return Optional.ofNullable((Credential) request.getProperty(PROPERTY));
    }

    void attachTo(ContainerRequestContext request) {
        request.setProperty(PROPERTY, this);
    }

    public byte[] scope() {
        return scope.clone();
    }
}
