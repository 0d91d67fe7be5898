package com.example.posts.web;

import com.example.posts.config.ApiToken;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Optional;

/**
 * Who sent a write, as far as what they may share goes: the SHA-256 of the bearer token they presented, never
 * the token itself. {@link BearerTokenFilter} attaches it to each write it lets through; an idempotency key is
 * scoped to it, so two senders cannot see each other's results.
 */
public final class Credential {
    private static final String PROPERTY = Credential.class.getName();

    private final byte[] digest;

    private Credential(byte[] digest) {
        this.digest = digest;
    }

    public static Credential ofToken(String token) {
        return new Credential(ApiToken.digestOf(token));
    }

    /** The credential the filter attached to this request; empty for a request it did not authenticate. */
    public static Optional<Credential> of(ContainerRequestContext request) {
        return Optional.ofNullable((Credential) request.getProperty(PROPERTY));
    }

    void attachTo(ContainerRequestContext request) {
        request.setProperty(PROPERTY, this);
    }

    public byte[] digest() {
        return digest.clone();
    }
}
