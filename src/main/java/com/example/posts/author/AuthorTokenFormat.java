package com.example.posts.author;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * An author token's text, on GitHub's model: {@code pst_<id>_<secret><check>}. A fixed prefix that secret
 * scanners can search for; a public id of 12 base62 characters (stored in clear, may be logged); a secret of
 * 43 base62 characters (256 random bits); and 6 base62 characters of the CRC32 of everything before them, so
 * that a scanner, and the service itself, tells a token from a typo without asking the database.
 */
public final class AuthorTokenFormat {
    public static final String PREFIX = "pst_";
    static final int ID_CHARS = 12;
    static final int SECRET_CHARS = 43;
    static final int CHECK_CHARS = 6;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final Pattern SHAPE = Pattern.compile("pst_([0-9A-Za-z]{" + ID_CHARS + "})_([0-9A-Za-z]{"
            + SECRET_CHARS + "})([0-9A-Za-z]{" + CHECK_CHARS + "})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private AuthorTokenFormat() {
    }

    /** A token as presented: its public id and its secret, once its shape and checksum hold. */
    public record Presented(String id, String secret) {
        @Override
        public String toString() {
            return "token " + id; // never the secret
        }
    }

    /** A new token: a fresh public id and secret. */
    static Presented generate() {
        return new Presented(randomBase62(ID_CHARS), randomBase62(SECRET_CHARS));
    }

    /** Whether this can be a token's public id, as paths name it. */
    public static boolean isPublicId(String text) {
        return text.length() == ID_CHARS && text.chars().allMatch(c -> BASE62.indexOf(c) >= 0);
    }

    /** Whether the text claims to be an author token; one that does and fails {@link #parse} is malformed. */
    public static boolean claims(String text) {
        return text.startsWith(PREFIX);
    }

    public static Optional<Presented> parse(String text) {
        Matcher matcher = SHAPE.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String body = text.substring(0, text.length() - CHECK_CHARS);
        if (!checksumOf(body).equals(matcher.group(3))) {
            return Optional.empty();
        }
        return Optional.of(new Presented(matcher.group(1), matcher.group(2)));
    }

    static String text(Presented token) {
        String body = PREFIX + token.id() + "_" + token.secret();
        return body + checksumOf(body);
    }

    private static String checksumOf(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] digits = new char[CHECK_CHARS];
        for (int i = CHECK_CHARS - 1; i >= 0; i--) {
            digits[i] = BASE62.charAt((int) (value % BASE62.length()));
            value /= BASE62.length();
        }
        return new String(digits);
    }

    /** Each character uniform over the 62 (nextInt draws without modulo bias): 43 of them carry 256 bits. */
    private static String randomBase62(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = BASE62.charAt(RANDOM.nextInt(BASE62.length()));
        }
        return new String(chars);
    }
}
