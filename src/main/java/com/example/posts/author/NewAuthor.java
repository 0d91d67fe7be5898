package com.example.posts.author;

import com.example.posts.post.Post;
import com.example.posts.web.ProblemException;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The body of POST /authors. {@link #validate()} reports every bad field at once. */
public final class NewAuthor {
    @JsonProperty("email")
    private String email;

    @JsonProperty("display_name")
    private String displayName;

    @JsonProperty("role")
    private String role;

    private final Map<String, String> otherFields = new LinkedHashMap<>();

    public NewAuthor() {
        // for Jackson
    }

    @JsonAnySetter
    void otherField(String name, Object ignored) {
        otherFields.put(name, "is not a known field");
    }

    String email() {
        return email;
    }

    String displayName() {
        return displayName.strip();
    }

    /** An author unless the body says otherwise. */
    Role role() {
        return role == null ? Role.AUTHOR : Role.fromWireName(role).orElseThrow();
    }

    /** Lower-casing may lengthen an address ("İ" is two characters in lower case): the stored form must fit. */
    private Optional<String> normalFormTooLong() {
        String key = EmailKey.of(email);
        return key.codePointCount(0, key.length()) > Post.MAX_AUTHOR_EMAIL_CHARS
                ? Optional.of("must be at most " + Post.MAX_AUTHOR_EMAIL_CHARS + " characters in lower case")
                : Optional.empty();
    }

    NewAuthor validate() {
        Map<String, String> errors = new LinkedHashMap<>();
        EmailAddress.problemWith(email).or(this::normalFormTooLong).ifPresent(message -> errors.put("email", message));
        ShortText.problemWith(displayName, Author.MAX_DISPLAY_NAME_CHARS)
                .ifPresent(message -> errors.put("display_name", message));
        if (role != null && Role.fromWireName(role).isEmpty()) {
            errors.put("role", "must be author or admin");
        }
        errors.putAll(otherFields);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("The author is not valid", errors);
        }
        return this;
    }
}
