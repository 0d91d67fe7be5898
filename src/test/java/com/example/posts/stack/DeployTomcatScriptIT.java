package com.example.posts.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.stack.Farm.Deploy;
import com.example.posts.support.ResetDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ci/deploy-tomcat.sh against the farm of two real Tomcat 11 servers with the Manager enabled. */
@ResetDatabase
class DeployTomcatScriptIT {
    private static final Path WARS = Path.of("target/deploy-wars").toAbsolutePath();

    private final Farm farm = Farm.shared();

    @Test
    void deploysAGoodWarToEveryServerAndKeepsOnlyThePreviousVersionStopped() throws Exception {
        Path war = WarVariants.withVersion(TestedStack.war(), WARS.resolve("good.war"), "7.0.0-good");

        Deploy result = farm.deploy(war, TomcatServer.MANAGER_PASSWORD);

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("probe post"), "the smoke test wrote with SMOKE_TOKEN:\n" + result.output());
        assertEquals(List.of("7.0.0-good", "7.0.0-good"), farm.versions());
        for (TomcatServer server : farm.servers()) {
            assertEquals(200, Farm.get(server.uri().resolve("posts/1")).statusCode());
            List<String> root = rootVersions(server);
            assertEquals(1, root.stream().filter(line -> line.startsWith("running:")).count(), root.toString());
            assertTrue(root.stream().anyMatch(line -> line.matches("running:ROOT##\\d{8}T\\d{6}Z-7\\.0\\.0-good")),
                    root.toString());
            assertTrue(root.size() <= 2, "only the previous version is kept: " + root);
            assertTrue(server.manager("list").lines().noneMatch(line -> line.startsWith("/posts-candidate:")),
                    "the candidate is gone");
        }
    }

    @Test
    void wrongManagerPasswordFailsFastAndChangesNothing() throws Exception {
        List<String> before = farm.versions();
        Path war = WarVariants.withVersion(TestedStack.war(), WARS.resolve("unwanted.war"), "9.0.0-unwanted");

        Deploy result = farm.deploy(war, "not-the-password");

        assertNotEquals(0, result.exitCode());
        assertTrue(result.output().contains("refused the manager credentials"), result.output());
        assertTrue(result.took().compareTo(Duration.ofSeconds(20)) < 0, "fails fast");
        assertEquals(before, farm.versions());
    }

    /** "state:name" of each version of the root application, from the Manager's list. */
    private static List<String> rootVersions(TomcatServer server) {
        return server.manager("list").lines()
                .filter(line -> line.startsWith("/:"))
                .map(line -> line.split(":"))
                .map(fields -> fields[1] + ":" + fields[3])
                .toList();
    }
}
