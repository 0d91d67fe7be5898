package com.example.posts.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.stack.Farm.Deploy;
import com.example.posts.stack.SteadyLoad.Report;
import com.example.posts.support.ResetDatabase;
import com.example.posts.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The farm under a steady load of readers and writers through nginx while it is redeployed, loses a server,
 * and is offered versions that must not go live. Each scenario prints its counts.
 */
@ResetDatabase
class FarmUnderLoadIT {
    private static final Path WARS = Path.of("target/farm-wars").toAbsolutePath();
    private static final int READS_PER_SECOND = 40;
    private static final int WRITES_PER_SECOND = 4;
    /** nginx's passive health check in the project's templates: max_fails=2 fail_timeout=10s. */
    private static final int MAX_FAILS = 2;
    private static final Duration FAIL_TIMEOUT = Duration.ofSeconds(10);

    private final Farm farm = Farm.shared();

    @Test
    void rollingRedeployLosesNoReadAndNoAcknowledgedWrite() throws Exception {
        Path war = WarVariants.withVersion(TestedStack.war(), WARS.resolve("rolling.war"), "7.1.0-rolling");
        SteadyLoad load = startLoad();

        Deploy deploy = farm.deploy(war, TomcatServer.MANAGER_PASSWORD);
        Report report = load.stop();

        print("rolling redeploy of two servers (took " + deploy.took().toSeconds() + " s)", report);
        assertEquals(0, deploy.exitCode(), deploy.output());
        assertTrue(deploy.took().compareTo(SteadyLoad.LONGEST) < 0, "the load lasted the whole deploy");
        assertEquals(0, report.reads().failed(), report.toString());
        assertAllReadable(report.acknowledgedWrites());
        assertEquals(List.of("7.1.0-rolling", "7.1.0-rolling"), farm.versions());
    }

    @Test
    void killedServerIsAvoidedUntilItReturns() throws Exception {
        TomcatServer victim = farm.servers().get(1);
        String victimAddress = victim.address() + ":" + victim.port();
        SteadyLoad load = startLoad();
        awaitReads(load, READS_PER_SECOND * 2);

        int inFlightAtKill = load.readsInFlight() + load.writesInFlight();
        int errorLogBefore = farm.frontDoor().errorLog().length();
        victim.kill();
        Instant killed = Instant.now();
        awaitReads(load, load.completedReads() + READS_PER_SECOND * 11);
        Duration dead = Duration.between(killed, Instant.now());
        // One error line per request that nginx sent to the dead server (not its "temporarily disabled" notes).
        long triesOnTheDeadServer = farm.frontDoor().errorLog().substring(errorLogBefore).lines()
                .filter(line -> line.contains("upstream: \"http://" + victimAddress + "/"))
                .filter(line -> line.contains("() failed") || line.contains("prematurely closed"))
                .count();
        victim.restart();
        long accessLogBefore = Files.size(victim.accessLog());
        boolean backInService = awaitProxiedRead(victim, accessLogBefore, FAIL_TIMEOUT.multipliedBy(2));
        Report report = load.stop();

        print("one of two servers killed for " + dead.toSeconds() + " s (" + triesOnTheDeadServer
                + " tries on it; " + inFlightAtKill + " requests in flight at the kill)", report);
        assertTrue(report.reads().failed() <= inFlightAtKill, report.toString());
        // Writes carry an Idempotency-Key: nginx sends the ones the dead server took to the other, and the
        // client sends again what failed, so none is lost and none is written twice.
        assertEquals(0, report.writes().failed(), report.toString());
        assertAllReadable(report.acknowledgedWrites());
        assertEquals(report.writes().sent(), loadPosts(), "one post per write");
        long windows = (dead.toMillis() + FAIL_TIMEOUT.toMillis() - 1) / FAIL_TIMEOUT.toMillis();
        assertTrue(triesOnTheDeadServer <= MAX_FAILS * (windows + 1) + inFlightAtKill,
                triesOnTheDeadServer + " tries on the dead server in " + dead);
        assertTrue(backInService, "the server took no proxied request within " + FAIL_TIMEOUT.multipliedBy(2)
                + " of its return");
    }

    @Test
    void versionThatCannotStartNeverTakesARequest() throws Exception {
        Path war = WarVariants.failingStart(TestedStack.war(), WARS.resolve("cannot-start.war"), "7.2.0-cannot-start");

        assertRefusedUnderLoad("a version that cannot start", war, "no server switched");
    }

    @Test
    void versionThatServesErrorsNeverTakesARequest() throws Exception {
        Path war = WarVariants.failingSmokeTest(TestedStack.war(), WARS.resolve("errors.war"), "7.3.0-errors");

        assertRefusedUnderLoad("a version that serves errors", war, "no server switched");
    }

    @Test
    void versionReportingAnotherVersionOnTheSecondServerIsRolledBackOnTheFirst() throws Exception {
        Path war = WarVariants.classesFromServer(TestedStack.war(), WARS.resolve("impostor.war"), "7.4.0-expected");
        for (TomcatServer server : farm.servers()) {
            Files.createDirectories(server.base().resolve(WarVariants.SERVER_OVERRIDES));
        }
        Path impostor = farm.servers().get(1).base().resolve(WarVariants.SERVER_OVERRIDES).resolve("build-info.properties");
        Files.writeString(impostor, "version=7.4.0-impostor\n");
        try {
            assertRefusedUnderLoad("a version reporting another version on the second server", war,
                    "rolled back " + farm.servers().get(0).managerUri().toString().replaceAll("/$", ""));
        } finally {
            Files.delete(impostor);
        }
    }

    private void assertRefusedUnderLoad(String scenario, Path war, String outcome) throws Exception {
        List<String> before = farm.versions();
        SteadyLoad load = startLoad();

        Deploy deploy = farm.deploy(war, TomcatServer.MANAGER_PASSWORD);
        Report report = load.stop();

        print(scenario + " (took " + deploy.took().toSeconds() + " s)", report);
        assertEquals(1, deploy.exitCode(), "1: failed, and every server on its previous version\n" + deploy.output());
        assertTrue(deploy.output().contains(outcome), deploy.output());
        assertEquals(0, report.reads().failed(), report.toString());
        assertAllReadable(report.acknowledgedWrites());
        assertEquals(before, farm.versions());
    }

    private SteadyLoad startLoad() {
        return SteadyLoad.start(farm.frontDoor().uri(), READS_PER_SECOND, WRITES_PER_SECOND);
    }

    /** Waits (bounded by the load's own limit) until the load has completed that many reads. */
    private static void awaitReads(SteadyLoad load, int reads) throws InterruptedException {
        Instant deadline = Instant.now().plus(SteadyLoad.LONGEST);
        while (load.completedReads() < reads && Instant.now().isBefore(deadline)) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /** Whether the server's access log shows a read of a post, sent by nginx, within the time given. */
    private static boolean awaitProxiedRead(TomcatServer server, long logFrom, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            String log = Files.readString(server.accessLog());
            if (log.length() > logFrom && log.substring((int) logFrom).contains("\"GET /posts")) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return false;
    }

    /** The posts the load wrote, each counted once however many times it was stored. */
    private static int loadPosts() {
        String duplicated = TestDatabase.shared().firstValue("SELECT COUNT(*) FROM (SELECT content FROM post "
                + "WHERE content LIKE '" + SteadyLoad.CONTENT_PREFIX + "%' GROUP BY content HAVING COUNT(*) > 1) d");
        assertEquals("0", duplicated, "posts of the load written twice");
        return Integer.parseInt(TestDatabase.shared().firstValue(
                "SELECT COUNT(*) FROM post WHERE content LIKE '" + SteadyLoad.CONTENT_PREFIX + "%'"));
    }

    private void assertAllReadable(List<Long> ids) {
        assertTrue(!ids.isEmpty(), "the load wrote nothing");
        for (long id : ids) {
            assertEquals(200, Farm.get(farm.frontDoor().uri().resolve("posts/" + id)).statusCode(),
                    "acknowledged post " + id);
        }
    }

    private static void print(String scenario, Report report) {
        System.out.println("[farm under load] " + scenario + ": " + report);
    }
}
