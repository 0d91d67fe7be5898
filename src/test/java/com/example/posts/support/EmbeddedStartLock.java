package com.example.posts.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One embedded MariaDB installing and starting at a time on this machine, across JVMs (a file lock) and within
 * one: mariadb-install-db's bootstrap server uses the system's temp folder, and a server starting there deletes
 * the temporary tables it finds, those of an install running beside it included (two surefire forks).
 */
final class EmbeddedStartLock implements AutoCloseable {
    private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();
    private static final Path FILE = Path.of(System.getProperty("java.io.tmpdir"), "posts-embedded-mariadb.lock");

    private final FileChannel channel;
    private final FileLock lock;

    private EmbeddedStartLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits at most {@code bound} for the other starts to finish. */
    static EmbeddedStartLock acquire(Duration bound) {
        Instant deadline = Instant.now().plus(bound);
        FileChannel channel = null;
        boolean heldInThisJvm = false;
        try {
            heldInThisJvm = IN_THIS_JVM.tryLock(bound.toMillis(), TimeUnit.MILLISECONDS);
            if (!heldInThisJvm) {
                throw new IllegalStateException("Another embedded MariaDB of this JVM did not start within " + bound);
            }
            channel = FileChannel.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            for (FileLock lock = channel.tryLock(); ; lock = channel.tryLock()) {
                if (lock != null) {
                    return new EmbeddedStartLock(channel, lock);
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Another embedded MariaDB on this machine did not start within "
                            + bound + " (" + FILE + ")");
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // Nothing is held when this does not return the lock.
            closeQuietly(channel);
            if (heldInThisJvm) {
                IN_THIS_JVM.unlock();
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting to start the embedded MariaDB", e);
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Closing is best effort on a path that already fails.
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            IN_THIS_JVM.unlock();
        }
    }
}
