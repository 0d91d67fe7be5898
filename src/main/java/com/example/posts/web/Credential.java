package com.example.posts.web;

import com.example.posts.author.AuthorTokens;
import com.example.posts.author.EmailKey;
import com.example.posts.author.Role;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Optional;

/**
 * Who sent a request that needed a token: the service token (POSTS_API_TOKEN, an admin with no author
 * record) or one author's token. {@link BearerTokenFilter} attaches it to each request it lets through.
 * Its scope names the token in stored data without being it: an idempotency key is scoped to it, so two
 * senders cannot see each other's results.
 */
public final class Credential {
    public static final String SERVICE = "service";
    private static final String PROPERTY = Credential.class.getName();

    private final byte[] scope;
    private final Role role;
    private final Integer authorId;
    private final String emailKey;
    private final String tokenId;

    private Credential(byte[] scope, Role role, Integer authorId, String emailKey, String tokenId) {
        this.scope = scope.clone();
        this.role = role;
        this.authorId = authorId;
        this.emailKey = emailKey;
        this.tokenId = tokenId;
    }

    /** POSTS_API_TOKEN: an admin; its scope is ApiToken.scope(), as before authors existed. */
    public static Credential serviceToken(byte[] scope) {
        return new Credential(scope, Role.ADMIN, null, null, null);
    }

    /** An author's token; its scope is a digest of its public id, so each token keeps its own keys. */
    public static Credential authorToken(int authorId, String authorEmail, Role role, String tokenId) {
        return new Credential(scopeOfToken(tokenId), role, authorId, EmailKey.of(authorEmail), tokenId);
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

    public Role role() {
        return role;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Empty for the service token. */
    public Optional<Integer> authorId() {
        return Optional.ofNullable(authorId);
    }

    /** Empty for the service token. */
    public Optional<String> tokenId() {
        return Optional.ofNullable(tokenId);
    }

    /** An admin acts for anyone; an author for themselves. */
    public boolean mayActFor(int author) {
        return isAdmin() || (authorId != null && authorId == author);
    }

    /** Whether this email is the sender's own, as {@link EmailKey} compares them. */
    public boolean isOwnEmail(String email) {
        return emailKey != null && emailKey.equals(EmailKey.of(email));
    }

    /** What logs name the sender by: the author's id, or "service". Never the secret. */
    public String loggedAuthor() {
        return authorId == null ? SERVICE : authorId.toString();
    }

    /** What logs name the token by: its public id, or "service". */
    public String loggedToken() {
        return tokenId == null ? SERVICE : tokenId;
    }

    private static byte[] scopeOfToken(String tokenId) {
        return AuthorTokens.hashOf("posts author token " + tokenId);
    }
}
