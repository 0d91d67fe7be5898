package com.example.posts.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.posts.support.NextReleaseSchema;
import com.example.posts.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The tomcat10 execution runs the contract suite with today's WAR on the next release's schema, as a rolling
 * deploy does (pom.xml, NextReleaseSchema). Checked here, so that the guard cannot lapse unnoticed.
 */
class Tomcat10NextReleaseSchemaIT {

    @Test
    void theWarUnderTestServesFromTheNextReleasesSchema() {
        TestedStack.current().orElseThrow();

        String added = TestDatabase.shared().firstValue("SELECT COUNT(*) FROM information_schema.columns "
                + "WHERE table_schema = DATABASE() AND table_name = 'post' AND column_name = '"
                + NextReleaseSchema.ADDED_COLUMN + "'");
        String futureMigrations = TestDatabase.shared().firstValue(
                "SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1 AND version LIKE '900_'");

        assertEquals("1", added);
        assertEquals("3", futureMigrations);
    }
}
