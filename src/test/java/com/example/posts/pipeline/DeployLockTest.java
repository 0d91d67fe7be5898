package com.example.posts.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.IndependentOfTestDatabase;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ci/lib.sh's hold_deploy_lock, which keeps two deploys from the same agent off one target: its lock lives
 * in a folder only the deploying user can enter, and it refuses what another user could have planted there.
 */
@IndependentOfTestDatabase
class DeployLockTest {
    private static final String TARGET = "tomcat https://tomcat-1.example.test:8443/";

    @TempDir
    Path temp;
    private Path home;
    private Path locks;

    @BeforeEach
    void emptyHome() throws IOException {
        home = Files.createDirectories(temp.resolve("home"));
        locks = home.resolve(".cache/posts-deploy-locks");
    }

    @Test
    void takesTheLockInAFolderOfTheUsersOwnWithMode700() throws Exception {
        assertEquals(0, holdLock("true").exitCode);

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(locks)));
        assertTrue(Files.isRegularFile(lockFile(), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aSecondDeployToTheSameTargetIsRefusedWhileTheFirstRuns() throws Exception {
        Process first = startHolding();
        try {
            Result second = holdLock("true");

            assertEquals(1, second.exitCode, second.output);
        } finally {
            first.getOutputStream().close();
            assertTrue(first.waitFor(10, TimeUnit.SECONDS));
        }
        assertEquals(0, holdLock("true").exitCode, "free again once the first deploy ended");
    }

    @Test
    void aLinkPlantedAsTheLockFileIsRefusedAndItsTargetUntouched() throws Exception {
        Files.createDirectories(locks);
        Files.setPosixFilePermissions(locks, PosixFilePermissions.fromString("rwx------"));
        Path victim = Files.writeString(temp.resolve("victim"), "precious");
        Files.createSymbolicLink(lockFile(), victim);

        Result result = holdLock("echo took the lock");

        assertNotEquals(0, result.exitCode, result.output);
        assertFalse(result.output.contains("took the lock"), result.output);
        assertTrue(result.output.contains("refusing"), result.output);
        assertEquals("precious", Files.readString(victim));
    }

    @Test
    void aLinkPlantedAsTheLockFolderIsRefused() throws Exception {
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwx------"));
        Files.createDirectories(locks.getParent());
        Files.createSymbolicLink(locks, elsewhere);

        Result result = holdLock("echo took the lock");

        assertNotEquals(0, result.exitCode, result.output);
        assertFalse(result.output.contains("took the lock"), result.output);
        try (var files = Files.list(elsewhere)) {
            assertEquals(0, files.count(), "nothing was created through the link");
        }
    }

    @Test
    void aLockFolderOthersCanEnterIsRefused() throws Exception {
        Files.createDirectories(locks);
        Files.setPosixFilePermissions(locks, PosixFilePermissions.fromString("rwxrwxrwx"));

        Result result = holdLock("echo took the lock");

        assertNotEquals(0, result.exitCode, result.output);
        assertTrue(result.output.contains("mode 700"), result.output);
    }

    @Test
    void aFailedStepFailsTheLock() throws Exception {
        // A file where the folder of locks should be: mkdir fails, and so does the lock.
        Files.createDirectories(locks.getParent());
        Files.writeString(locks, "not a folder");

        Result result = holdLock("echo took the lock");

        assertNotEquals(0, result.exitCode, result.output);
        assertFalse(result.output.contains("took the lock"), result.output);
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs hold_deploy_lock as the deploy scripts do (with "|| exit"), then the command given. */
    private Result holdLock(String then) throws IOException, InterruptedException {
        Process process = lockScript("hold_deploy_lock '" + TARGET + "' || exit $?; " + then).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "did not finish:\n" + output);
        return new Result(process.exitValue(), output);
    }

    /** A deploy that holds the lock until its standard input closes; returns once it holds it. */
    private Process startHolding() throws IOException {
        Process process = lockScript("hold_deploy_lock '" + TARGET + "' || exit $?; echo holding; cat > /dev/null")
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        String first = new String(process.getInputStream().readNBytes("holding\n".length()), StandardCharsets.UTF_8);
        assertEquals("holding\n", first, "the first deploy took the lock");
        return process;
    }

    private ProcessBuilder lockScript(String script) {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "set -euo pipefail; source ci/lib.sh; " + script)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("HOME", home.toString());
        return builder;
    }

    private Path lockFile() throws NoSuchAlgorithmException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(TARGET.getBytes(StandardCharsets.UTF_8));
        return locks.resolve(HexFormat.of().formatHex(digest).substring(0, 16) + ".lock");
    }
}
