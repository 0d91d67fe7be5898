package com.example.posts.post;

import com.example.posts.author.EmailAddress;
import com.example.posts.web.ProblemException;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The body of POST and PUT: what a client may write. {@link #validate()} reports every bad field at once. */
public final class PostRequest {
    private static final Set<String> READ_ONLY_FIELDS = Set.of("id", "created_time", "version");

    @JsonProperty("content")
    private String content;

    @JsonProperty("author_email")
    private String authorEmail;

    private final Map<String, String> otherFields = new LinkedHashMap<>();

    public PostRequest() {
        // for Jackson
    }

    public PostRequest(String content, String authorEmail) {
        this.content = content;
        this.authorEmail = authorEmail;
    }

    @JsonAnySetter
    void otherField(String name, Object ignored) {
        otherFields.put(name, READ_ONLY_FIELDS.contains(name) ? "is read-only" : "is not a known field");
    }

    public String content() {
        return content;
    }

    public String authorEmail() {
        return authorEmail;
    }

    /**
     * What makes two requests the same request to an idempotency key: the parsed content and author, not the
     * bytes of the body (spacing, field order and escapes may differ on a retry).
     */
    byte[] fingerprint() {
        return Sha256.of(content.getBytes(StandardCharsets.UTF_8), authorEmail.getBytes(StandardCharsets.UTF_8));
    }

    /** Throws a 400 problem naming each offending field. */
    public PostRequest validate() {
        Map<String, String> errors = new LinkedHashMap<>();
        checkContent().ifPresent(message -> errors.put("content", message));
        EmailAddress.problemWith(authorEmail).ifPresent(message -> errors.put("author_email", message));
        errors.putAll(otherFields);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("The post is not valid", errors);
        }
        return this;
    }

    private Optional<String> checkContent() {
        if (content == null) {
            return Optional.of("is required");
        }
        if (content.isBlank()) {
            return Optional.of("must not be blank");
        }
        long bytes = Utf8.encodedLength(content);
        if (bytes < 0) {
            return Optional.of("must be valid Unicode text");
        }
        if (bytes > Post.MAX_CONTENT_BYTES) {
            return Optional.of("must be at most " + Post.MAX_CONTENT_BYTES + " bytes in UTF-8, got " + bytes);
        }
        return Optional.empty();
    }
}
