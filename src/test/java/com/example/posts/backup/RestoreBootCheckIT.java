package com.example.posts.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.stack.TestedStack;
import com.example.posts.support.TestDatabase;
import com.example.posts.support.TestDatabaseServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore ends as an operator needs it to: the packaged WAR boots on the restored database, on a Tomcat 11
 * of its own, and passes the smoke test there (ops/restore.sh with RESTORE_CHECK_WAR, ops/boot-check.sh).
 */
class RestoreBootCheckIT {
    private static final String RESTORED = "posts_boot_check";
    private final TestDatabaseServer server = TestDatabase.shared().server();
    @TempDir
    Path backups;

    @BeforeAll
    static void requireTheTools() throws Exception {
        OpsScript.requireTheTools();
    }

    @AfterEach
    void dropRestoredDatabase() {
        server.dropDatabase(RESTORED);
    }

    @Test
    void theWarBootsOnTheRestoredDatabaseAndPassesTheSmokeTest() throws Exception {
        TestDatabase.shared().resetWithFixtures();
        OpsScript.Outcome backup = new OpsScript(server.settings(), server.settings().database())
                .run("backup.sh", Map.of(), backups.toString());
        assertEquals(0, backup.status(), backup.output());
        String restored = server.createDatabase(RESTORED).database();
        Path dump = OpsScript.dumpIn(backups);

        OpsScript.Outcome restore = new OpsScript(server.settings(), restored).run("restore.sh",
                Map.of("RESTORE_CHECK_WAR", TestedStack.war().toString(), "BOOT_TIMEOUT", "90",
                        "CATALINA_HOME", TestedStack.tomcat11Home().toString()), dump.toString(), restored);

        System.out.println(restore.output().strip());
        assertEquals(0, restore.status(), restore.output());
        assertTrue(restore.output().contains("restore: " + restored + " holds 2 posts"), restore.output());
        assertTrue(restore.output().contains("serves reads"), restore.output());
        assertTrue(restore.output().contains("started and served on database " + restored), restore.output());
    }
}
