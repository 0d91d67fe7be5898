package com.example.posts.replica;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Consistency tokens: the primary's position after a write, signed with the key every server shares, so a
 * client can only hand back positions a server gave out; a made-up position far ahead cannot make reads wait.
 * A token is {@code base64url(position) "." base64url(HMAC-SHA256)}, cookie-safe as it is.
 */
public final class ConsistencyTokens {
    private static final String ALGORITHM = "HmacSHA256";
    /** Ties a signature to this use of the key. */
    private static final String CONTEXT = "posts-consistency-v1\n";
    private static final int MAX_LENGTH = 2048;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    public ConsistencyTokens(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** What a token carries in place of a position when the position is not known: read on the primary. */
    static final String PRIMARY = "primary";

    public String issue(ReplicationPosition position) {
        return issue(position.text());
    }

    /** A token that sends its reads to the primary, for a write whose position could not be read. */
    String issueForPrimary() {
        return issue(PRIMARY);
    }

    private String issue(String text) {
        return ENCODER.encodeToString(text.getBytes(StandardCharsets.US_ASCII)) + "."
                + ENCODER.encodeToString(sign(text));
    }

    /** The position a token carries, as the server wrote it; empty when malformed or not signed with this key. */
    public Optional<String> verify(String token) {
        if (token == null || token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            String text = new String(DECODER.decode(token.substring(0, dot)), StandardCharsets.US_ASCII);
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, sign(text))) {
                return Optional.empty();
            }
            return Optional.of(text);
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private byte[] sign(String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal((CONTEXT + text).getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
