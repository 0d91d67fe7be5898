package com.example.posts.author;

import com.example.posts.post.Utf8;
import java.util.Optional;
import java.util.regex.Pattern;

/** A name or a label: one line of visible text, up to a number of characters. */
final class ShortText {
    // Control and format characters (line breaks, NUL, direction overrides, zero-width marks); spaces are fine.
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");

    private ShortText() {
    }

    static Optional<String> problemWith(String text, int maxChars) {
        if (text == null) {
            return Optional.of("is required");
        }
        if (text.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (text.codePointCount(0, text.length()) > maxChars) {
            return Optional.of("must be at most " + maxChars + " characters");
        }
        if (Utf8.encodedLength(text) < 0 || INVISIBLE.matcher(text).find()) {
            return Optional.of("must be one line of visible text");
        }
        return Optional.empty();
    }
}
