package com.example.posts.author;

import java.text.Normalizer;
import java.util.Locale;

/**
 * What makes two emails the same author: Unicode NFC, then lower case in the root locale. Compared in Java
 * and stored as {@code author.email_key} (a binary collation), never through the post table's
 * utf8mb4_unicode_ci, which also ignores accents and would let "jose" own "josé"'s posts.
 */
public final class EmailKey {
    private EmailKey() {
    }

    public static String of(String email) {
        return Normalizer.normalize(email, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    public static boolean same(String oneEmail, String otherEmail) {
        return of(oneEmail).equals(of(otherEmail));
    }
}
