package com.example.posts.post;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.posts.ApplicationSettings;
import com.example.posts.PostsApplication;
import com.example.posts.config.ApiToken;
import com.example.posts.contract.ApiTestCase;
import com.example.posts.db.DatabaseSource;
import com.example.posts.health.Readiness;
import com.example.posts.support.TestDatabase;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Storage does not depend on the JVM's time zone: a post created at a UTC wall time that a zone with daylight
 * saving skips or repeats keeps exactly that time. The build runs this class once more with the JVM in
 * Europe/Berlin, where 2025-03-30T02:30 does not exist and 2025-10-26T02:30 happens twice.
 */
class CreatedTimeAcrossTimeZonesTest extends ApiTestCase {
    /** Set by the Berlin run, so that it cannot pass without the zone it is meant to prove. */
    private static final String EXPECTED_ZONE = System.getProperty("posts.expected-zone", "");
    private static final AtomicReference<Instant> NOW = new AtomicReference<>(Instant.EPOCH);

    @Override
    protected Application application() {
        Clock fixedPerTest = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return NOW.get();
            }
        };
        return new PostsApplication(new ApplicationSettings(DatabaseSource.keptOpenBy(TestDatabase.shared().database()),
                ApiToken.of(TOKEN), VERSION, fixedPerTest, new Readiness()));
    }

    @Test
    void runsInTheZoneItIsMeantTo() {
        if (!EXPECTED_ZONE.isEmpty()) {
            assertEquals(ZoneId.of(EXPECTED_ZONE), ZoneId.systemDefault());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-03-30T02:30:00Z", "2025-10-26T02:30:00Z"})
    void createdTimeRoundTripsExactly(String instant) throws Exception {
        NOW.set(Instant.parse(instant));

        Response created = authorized("posts").post(json("{\"content\":\"x\",\"author_email\":\"a@b.co\"}"));
        int id = body(created).get("id").asInt();

        assertEquals(instant, body(target("posts/" + id).request().get()).get("created_time").asText());
        assertEquals(instant.replace('T', ' ').replace("Z", ""), storedCreatedTime(id));
    }

    /** The column's value as the server itself writes it out, with no Java time type in between. */
    private static String storedCreatedTime(int id) throws Exception {
        try (Connection connection = TestDatabase.shared().database().dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT DATE_FORMAT(created_time, '%Y-%m-%d %H:%i:%s') FROM post WHERE id = ?")) {
            select.setInt(1, id);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }
}
