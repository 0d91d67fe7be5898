package com.example.posts.post;

/** UTF-8 sizes without encoding: MySQL limits TEXT in bytes, Java counts UTF-16 chars. */
public final class Utf8 {
    private Utf8() {
    }

    /** The number of bytes {@code text} takes in UTF-8, or -1 if it holds an unpaired surrogate. */
    public static long encodedLength(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return -1;
                }
                bytes += 4;
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return -1;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
