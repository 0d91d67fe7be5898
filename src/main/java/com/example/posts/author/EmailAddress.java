package com.example.posts.author;

import com.example.posts.post.Post;
import com.example.posts.post.Utf8;
import java.util.Optional;
import java.util.regex.Pattern;

/** The one check of an email field, for a post's author_email and an author's email alike. */
public final class EmailAddress {
    // Plausible, not RFC 5322: one @, no spaces, a dot in the domain.
    private static final Pattern PLAUSIBLE = Pattern.compile("[^\\s@]+@[^\\s@.]+(\\.[^\\s@.]+)+");
    // Control, format and separator characters of any script (\s is ASCII only): NUL, line separators, text
    // direction overrides, zero-width and no-break spaces would be stored and shown to every reader.
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Z}]");

    private EmailAddress() {
    }

    /** What is wrong with it, as a field error; empty when it will do. */
    public static Optional<String> problemWith(String email) {
        if (email == null) {
            return Optional.of("is required");
        }
        if (email.codePointCount(0, email.length()) > Post.MAX_AUTHOR_EMAIL_CHARS) {
            return Optional.of("must be at most " + Post.MAX_AUTHOR_EMAIL_CHARS + " characters");
        }
        if (INVISIBLE.matcher(email).find()) {
            return Optional.of("must not hold control, invisible or space characters");
        }
        if (Utf8.encodedLength(email) < 0 || !PLAUSIBLE.matcher(email).matches()) {
            return Optional.of("must be an email address like name@example.com");
        }
        return Optional.empty();
    }
}
