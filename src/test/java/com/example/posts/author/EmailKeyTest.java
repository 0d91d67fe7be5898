package com.example.posts.author;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class EmailKeyTest {

    @Test
    void caseAndUnicodeNormalFormDoNotMakeAnotherAuthor() {
        String composed = "Jos\u00e9@Example.com";
        String decomposed = "jose\u0301@example.COM";

        assertTrue(EmailKey.same(composed, decomposed));
    }

    @Test
    void accentsDoMakeAnotherAuthor() {
        assertFalse(EmailKey.same("jose@example.com", "jos\u00e9@example.com"));
    }

    @Test
    void lowerCasingDoesNotDependOnTheServersLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr"));
        try {
            assertTrue(EmailKey.same("TITLE@example.com", "title@example.com"));
        } finally {
            Locale.setDefault(before);
        }
    }
}
