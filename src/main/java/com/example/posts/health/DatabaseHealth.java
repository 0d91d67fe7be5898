package com.example.posts.health;

import com.example.posts.config.DatabaseTimeouts;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * Whether the database answers: a connection that passes a validity check within
 * {@link DatabaseTimeouts#HEALTH_MILLIS}. The check runs on a thread of its own, so /health answers in time
 * even when the pool's connections are all stuck on a stalled database; while one check is still under
 * way, later calls wait for that one instead of starting more.
 */
public final class DatabaseHealth {
    private final DataSource dataSource;
    private CompletableFuture<Boolean> lastCheck = CompletableFuture.completedFuture(true);

    public DatabaseHealth(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public boolean isUp() {
        try {
            return currentCheck().get(DatabaseTimeouts.HEALTH_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private synchronized CompletableFuture<Boolean> currentCheck() {
        if (lastCheck.isDone()) {
            lastCheck = CompletableFuture.supplyAsync(this::check, DatabaseHealth::onItsOwnThread);
        }
        return lastCheck;
    }

    private boolean check() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(DatabaseTimeouts.VALIDATION_SECONDS);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private static void onItsOwnThread(Runnable check) {
        Thread thread = new Thread(check, "posts-health-check");
        thread.setDaemon(true);
        thread.start();
    }
}
