package com.example.posts.author;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthorTokenFormatTest {

    @Test
    void aGeneratedTokenParsesBackToItsIdAndSecret() {
        AuthorTokenFormat.Presented generated = AuthorTokenFormat.generate();
        String text = AuthorTokenFormat.text(generated);

        assertTrue(text.matches("pst_[0-9A-Za-z]{12}_[0-9A-Za-z]{49}"), text);
        assertEquals(Optional.of(generated), AuthorTokenFormat.parse(text));
    }

    @Test
    void aSecretCarriesAtLeast256BitsAndNeverRepeats() {
        assertTrue(AuthorTokenFormat.SECRET_CHARS * Math.log(62) / Math.log(2) >= 256);
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            assertTrue(secrets.add(AuthorTokenFormat.generate().secret()));
        }
    }

    @Test
    void aTypoIsToldApartByTheChecksumWithoutTheDatabase() {
        String text = AuthorTokenFormat.text(AuthorTokenFormat.generate());
        int inSecret = 20;
        char replaced = text.charAt(inSecret) == 'a' ? 'b' : 'a';
        String typo = text.substring(0, inSecret) + replaced + text.substring(inSecret + 1);

        assertNotEquals(text, typo);
        assertEquals(Optional.empty(), AuthorTokenFormat.parse(typo));
        String swapped = text.substring(0, 30) + text.charAt(31) + text.charAt(30) + text.substring(32);
        assertEquals(text.charAt(30) == text.charAt(31), AuthorTokenFormat.parse(swapped).isPresent());
    }

    @Test
    void anythingButTheExactShapeIsMalformed() {
        String text = AuthorTokenFormat.text(AuthorTokenFormat.generate());
        for (String wrong : new String[] {text + "x", text.substring(1), text.replace("pst_", "PST_"),
                text.substring(0, text.length() - 1), "pst_", text.replace('_', '-'), " " + text}) {
            assertEquals(Optional.empty(), AuthorTokenFormat.parse(wrong), wrong);
        }
    }

    @Test
    void thePresentedFormNeverPrintsItsSecret() {
        AuthorTokenFormat.Presented token = AuthorTokenFormat.generate();

        assertTrue(!token.toString().contains(token.secret()) && token.toString().contains(token.id()));
    }
}
