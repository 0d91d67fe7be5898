package com.example.posts.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.IndependentOfTestDatabase;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each outcome of ci/deploy-tomcat.sh against two Manager stand-ins: the Manager commands it sends, in their
 * order across the farm, its last message and its exit status. The farm ITs prove the same script on real
 * Tomcats; here each failure can be forced exactly where a real server rarely fails (an undeploy, a start).
 */
@IndependentOfTestDatabase
class DeployTomcatOutcomesTest {
    private static final String OLDER = "20260101T000000Z-0.9.0";
    private static final String PREVIOUS = "20260201T000000Z-1.0.0";
    private static final String LABEL = "20260301T000000Z-2.0.0";
    private static final String NEW = "ROOT##" + LABEL;
    private static final String NOT_SERVING = "/health is not UP with 2.0.0, or /posts does not answer";

    private static final List<String> CHECK = List.of("list", "list");
    private static final List<String> CANDIDATE = List.of("undeploy?path=/posts-candidate",
            "deploy?path=/posts-candidate&update=true", "undeploy?path=/posts-candidate");
    private static final List<String> SWITCH = List.of("deploy?path=/&version=" + LABEL);
    private static final List<String> RETIRE = List.of("list", "undeploy?path=/&version=" + OLDER,
            "stop?path=/&version=" + PREVIOUS);
    private static final List<String> ROLL_BACK = List.of("start?path=/&version=" + PREVIOUS, "list",
            "undeploy?path=/&version=" + LABEL);

    @TempDir
    Path temp;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private ManagerStandIn a;
    private ManagerStandIn b;

    private record Deploy(int exitCode, String output) {
        String lastLine() {
            List<String> lines = output.lines().toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    @BeforeEach
    void startFarm() {
        a = servingPrevious(ManagerStandIn.start("a", log));
        b = servingPrevious(ManagerStandIn.start("b", log));
    }

    private static ManagerStandIn servingPrevious(ManagerStandIn server) {
        return server.with("ROOT##" + OLDER, "0.9.0", false).with("ROOT##" + PREVIOUS, "1.0.0", true);
    }

    @AfterEach
    void stopFarm() {
        a.close();
        b.close();
    }

    @Test
    void checksEveryServerThenDeploysEachInTurnKeepingOnlyThePreviousVersionStopped() throws Exception {
        Deploy deploy = deploy();

        assertOutcome(deploy, 0, "deployed 2.0.0 as " + NEW + " to 2 server(s)",
                concat(on("a", CHECK), on("b", CHECK), on("a", CANDIDATE, SWITCH, RETIRE),
                on("b", CANDIDATE, SWITCH, RETIRE)));
        assertEquals(List.of("stopped:ROOT##" + PREVIOUS, "running:" + NEW), a.contexts());
    }

    @Test
    void candidateThatCannotStartOnTheFirstServerChangesNothing() throws Exception {
        a.fail("deploy?path=/posts-candidate&update=true");

        Deploy deploy = deploy();

        assertOutcome(deploy, 1, "2.0.0 did not start or did not pass the smoke test under " + a.url()
                + "/posts-candidate; no server switched to 2.0.0 (the candidate ran its database migrations,"
                + " if it had any)",
                concat(on("a", CHECK), on("b", CHECK), on("a", CANDIDATE)));
    }

    @Test
    void candidateReportingAnotherVersionOnTheSecondServerRollsBackTheFirst() throws Exception {
        b.reports("posts-candidate", "1.9.9-impostor");

        Deploy deploy = deploy();

        assertOutcome(deploy, 1, "2.0.0 did not start or did not pass the smoke test under " + b.url()
                + "/posts-candidate; rolled back " + a.url(),
                concat(on("a", CHECK), on("b", CHECK), on("a", CANDIDATE, SWITCH, RETIRE), on("b", CANDIDATE),
                on("a", ROLL_BACK)));
        assertEquals(List.of("running:ROOT##" + PREVIOUS), a.contexts());
    }

    @Test
    void newVersionNotServingAtTheRootIsRolledBackOnThatServer() throws Exception {
        a.reports(NEW, "1.9.9-impostor");

        Deploy deploy = deploy();

        assertOutcome(deploy, 1, "smoke test of 2.0.0 failed on " + a.url() + ": " + NOT_SERVING
                + "; rolled back " + a.url(),
                concat(on("a", CHECK), on("b", CHECK), on("a", CANDIDATE, SWITCH, ROLL_BACK)));
        assertEquals(List.of("stopped:ROOT##" + OLDER, "running:ROOT##" + PREVIOUS), a.contexts());
    }

    @Test
    void failedDeploymentOnTheSecondServerRollsBackBothAndUndeploysWhatDidNotStart() throws Exception {
        b.fail("deploy?path=/&version=" + LABEL);

        Deploy deploy = deploy();

        assertOutcome(deploy, 1, "deployment of 2.0.0 failed on " + b.url() + "; rolled back " + a.url() + " "
                + b.url(),
                concat(on("a", CHECK), on("b", CHECK), on("a", CANDIDATE, SWITCH, RETIRE),
                on("b", CANDIDATE, SWITCH), on("a", ROLL_BACK), on("b", ROLL_BACK)));
    }

    @Test
    void previousVersionThatCannotBeStoppedRollsBack() throws Exception {
        a.fail("stop?path=/&version=" + PREVIOUS);

        Deploy deploy = deploy();

        assertOutcome(deploy, 1, "" + a.url() + ": the versions before " + NEW + " could not be stopped; rolled back "
                + a.url(),
                concat(on("a", CHECK), on("b", CHECK), on("a", CANDIDATE, SWITCH, RETIRE, ROLL_BACK)));
    }

    @Test
    void candidateThatCannotBeUndeployedIsLeftAndNamedWithExitStatus3() throws Exception {
        b.fail("undeploy?path=/posts-candidate");

        Deploy deploy = deploy();

        assertOutcome(deploy, 3, "2.0.0 did not start or did not pass the smoke test under " + b.url()
                + "/posts-candidate; rolled back " + a.url() + "; " + b.url()
                + "/posts-candidate is still deployed (NOT removed)",
                concat(on("a", CHECK), on("b", CHECK), on("a", CANDIDATE, SWITCH, RETIRE), on("b", CANDIDATE),
                on("a", ROLL_BACK)));
    }

    @Test
    void rollbackThatFailsOnOneServerGoesOnWithTheOthersAndNamesIt() throws Exception {
        b.reports(NEW, "1.9.9-impostor");
        a.fail("start?path=/&version=" + PREVIOUS);

        Deploy deploy = deploy();

        assertOutcome(deploy, 3, "smoke test of 2.0.0 failed on " + b.url() + ": " + NOT_SERVING
                + "; NOT rolled back: " + a.url() + " needs a person",
                concat(on("a", CHECK), on("b", CHECK), on("a", CANDIDATE, SWITCH, RETIRE),
                on("b", CANDIDATE, SWITCH), on("a", ROLL_BACK.subList(0, 1)), on("b", ROLL_BACK)));
        assertTrue(deploy.output().contains("deploy-tomcat: " + a.url() + ": ROLLBACK FAILED"), deploy.output());
    }

    @Test
    void serverThatServedNothingIsLeftAsTheFailedDeployLeftIt() throws Exception {
        a.close();
        a = ManagerStandIn.start("a", log);
        a.reports(NEW, "1.9.9-impostor");

        Deploy deploy = deploy();

        assertOutcome(deploy, 3, "smoke test of 2.0.0 failed on " + a.url() + ": " + NOT_SERVING
                + "; NOT rolled back: " + a.url() + " needs a person",
                concat(on("a", CHECK), on("b", CHECK), on("a", CANDIDATE, SWITCH)));
        assertTrue(deploy.output().contains("deploy-tomcat: " + a.url() + ": no previous version to go back to;"
                + " left as the failed deploy of 2.0.0 left it, NOT rolled back"), deploy.output());
    }

    @Test
    void labelThatWouldNotSortLastOnAnyServerChangesNothing() throws Exception {
        b.with("ROOT##20260401T000000Z-3.0.0", "3.0.0", false);

        Deploy deploy = deploy();

        assertOutcome(deploy, 1, "" + b.url() + " already has ROOT##20260401T000000Z-3.0.0, which Tomcat would"
                + " prefer to " + NEW + " (labels must sort in deploy order); nothing was changed",
                concat(on("a", CHECK), on("b", CHECK)));
    }

    @Test
    void refusedCredentialsChangeNothing() throws Exception {
        Deploy deploy = deploy(Map.of("TOMCAT_MANAGER_PASSWORD", "not-the-password"));

        assertOutcome(deploy, 1, "" + a.url() + " refused the manager credentials of " + ManagerStandIn.USER
                + " (HTTP 401); nothing was changed",
                List.of());
    }

    @Test
    void serverThatDoesNotAnswerChangesNothing() throws Exception {
        b.close();

        Deploy deploy = deploy();

        assertOutcome(deploy, 1, "" + b.url() + " does not answer; nothing was changed",
                on("a", CHECK));
    }

    @Test
    void plainHttpManagerIsRefusedAsAUsageError() throws Exception {
        Deploy deploy = deploy(Map.of("DEPLOY_ALLOW_HTTP", "no"));

        assertOutcome(deploy, 2, "" + a.url() + ": the Manager is reached over https only (the password travels"
                + " with every request)",
                List.of());
    }

    /** The exit status, the last line (after "deploy-tomcat: ") and the Manager commands across the farm. */
    private void assertOutcome(Deploy deploy, int exitCode, String lastMessage, List<String> commands) {
        assertEquals(exitCode, deploy.exitCode(), deploy.output());
        assertEquals("deploy-tomcat: " + lastMessage, deploy.lastLine());
        assertEquals(commands, log);
    }

    @SafeVarargs
    private static List<String> on(String server, List<String>... steps) {
        return Stream.of(steps).flatMap(List::stream).map(command -> server + " " + command).toList();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return Stream.of(parts).flatMap(List::stream).toList();
    }

    private Deploy deploy() throws IOException, InterruptedException {
        return deploy(Map.of());
    }

    /** Runs ci/deploy-tomcat.sh with a WAR of version 2.0.0 to both stand-ins, a (first) and b. */
    private Deploy deploy(Map<String, String> overrides) throws IOException, InterruptedException {
        Path war = VersionedWar.write(temp.resolve("posts-service.war"), "2.0.0");
        ProcessBuilder builder = new ProcessBuilder("bash", "ci/deploy-tomcat.sh", war.toString(),
                a.url(), b.url() + "/")
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.remove("SMOKE_TOKEN");
        env.put("HOME", Files.createDirectories(temp.resolve("home")).toString());
        env.put("TOMCAT_MANAGER_USER", ManagerStandIn.USER);
        env.put("TOMCAT_MANAGER_PASSWORD", ManagerStandIn.PASSWORD);
        env.put("DEPLOY_LABEL", LABEL);
        env.put("DEPLOY_ALLOW_HTTP", "yes");
        // The stand-ins answer at once: a version that does not serve on the first try never will.
        env.put("SMOKE_TIMEOUT", "0");
        env.putAll(overrides);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "did not finish:\n" + output);
        return new Deploy(process.exitValue(), output);
    }
}
