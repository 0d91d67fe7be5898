package com.example.posts.author;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.example.posts.contract.ApiTestCase;
import com.example.posts.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The database keeps a SHA-256 of each token's secret, and nothing from which the secret can be read back. */
class SecretsAtRestTest extends ApiTestCase {

    @Test
    void noTableHoldsATokenSecretInClear() throws Exception {
        int ann = createAuthor("ann@example.com", "Ann", "author");
        String token = issueToken(ann, "laptop");
        String secret = token.substring(17, 60);
        assertEquals(201, as(token, "posts").header("Idempotency-Key", "\"k1\"").post(json(
                "{\"content\":\"hi\",\"author_email\":\"ann@example.com\"}")).getStatus());

        String everything = dumpOfEveryTable();

        assertFalse(everything.contains(secret), "the secret in clear");
        assertFalse(everything.contains(HexFormat.of().formatHex(secret.getBytes(StandardCharsets.US_ASCII))),
                "the secret's bytes");
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII)),
                HexFormat.of().parseHex(TestDatabase.shared().firstValue(
                        "SELECT HEX(secret_hash) FROM author_token WHERE id = '" + token.substring(4, 16) + "'")));
    }

    /** Every value of every row of every table, text as text and bytes in hex. */
    private static String dumpOfEveryTable() throws Exception {
        StringBuilder dump = new StringBuilder();
        try (Connection connection = TestDatabase.shared().database().dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet names = statement.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = DATABASE()")) {
                while (names.next()) {
                    tables.add(names.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT * FROM `" + table + "`")) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            byte[] bytes = rows.getBytes(i);
                            if (bytes != null) {
                                dump.append(new String(bytes, StandardCharsets.UTF_8)).append(' ')
                                        .append(HexFormat.of().formatHex(bytes)).append('\n');
                            }
                        }
                    }
                }
            }
        }
        return dump.toString();
    }
}
