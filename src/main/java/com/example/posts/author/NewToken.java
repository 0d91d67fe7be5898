package com.example.posts.author;

import com.example.posts.web.ProblemException;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The body of POST /authors/{id}/tokens: a label, and a lifetime unless the token is to last until revoked. */
public final class NewToken {
    static final long MAX_LIFETIME_SECONDS = Duration.ofDays(366).toSeconds();

    @JsonProperty("label")
    private String label;

    @JsonProperty("expires_in_seconds")
    private Long expiresInSeconds;

    private final Map<String, String> otherFields = new LinkedHashMap<>();

    public NewToken() {
        // for Jackson
    }

    @JsonAnySetter
    void otherField(String name, Object ignored) {
        otherFields.put(name, "is not a known field");
    }

    String label() {
        return label.strip();
    }

    Optional<Duration> lifetime() {
        return Optional.ofNullable(expiresInSeconds).map(Duration::ofSeconds);
    }

    NewToken validate() {
        Map<String, String> errors = new LinkedHashMap<>();
        ShortText.problemWith(label, AuthorToken.MAX_LABEL_CHARS).ifPresent(message -> errors.put("label", message));
        if (expiresInSeconds != null && (expiresInSeconds < 1 || expiresInSeconds > MAX_LIFETIME_SECONDS)) {
            errors.put("expires_in_seconds", "must be from 1 to " + MAX_LIFETIME_SECONDS + " (366 days), or left out "
                    + "for a token that lasts until it is revoked");
        }
        errors.putAll(otherFields);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("The token request is not valid", errors);
        }
        return this;
    }
}
