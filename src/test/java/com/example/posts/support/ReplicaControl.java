package com.example.posts.support;

import com.example.posts.replica.GtidPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

/** The replication statements of one replica: follow a primary, wait for it, pause, delay, promote. */
final class ReplicaControl {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final MariaDbNode replica;

    ReplicaControl(MariaDbNode replica) {
        this.replica = replica;
    }

    /** Replicates {@code primary} from the start of its binary log, and waits until both threads run. */
    void follow(MariaDbNode primary, String user, String password, Duration bound) {
        // A retry each second, not each minute: a restarted primary is followed again at once. MariaDB 11.4
        // replicas ask for TLS by default, which these servers go without (ServerOptions).
        replica.execute("CHANGE MASTER TO MASTER_HOST='" + primary.host() + "', MASTER_PORT=" + primary.port()
                        + ", MASTER_USER='" + user + "', MASTER_PASSWORD='" + password + "'"
                        + ", MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1, MASTER_SSL=0",
                "START SLAVE");
        awaitConnected(bound);
    }

    /** Whether the replica has applied everything up to {@code target} within {@code bound}. */
    boolean reachesWithin(GtidPosition target, Duration bound) {
        // DO, not SELECT: the wait does not count in Com_select; the position read afterwards says how it ended.
        replica.executeWithin(bound.plusSeconds(5), "DO MASTER_GTID_WAIT(?, ?)", target.text(),
                bound.toMillis() / 1000.0);
        return appliedPosition().covers(target);
    }

    void awaitReaching(GtidPosition target, Duration bound) {
        if (!reachesWithin(target, bound)) {
            throw new IllegalStateException("Not caught up with the primary's " + target + " within " + bound
                    + ": " + describe());
        }
    }

    GtidPosition appliedPosition() {
        return GtidPosition.parse(replica.globalVariable("gtid_slave_pos"));
    }

    void delay(int seconds, Duration bound) {
        replica.execute("STOP SLAVE", "CHANGE MASTER TO MASTER_DELAY=" + seconds, "START SLAVE");
        awaitApplying(bound);
    }

    void stopApplying() {
        replica.execute("STOP SLAVE SQL_THREAD");
    }

    void resumeApplying(Duration bound) {
        replica.execute("START SLAVE SQL_THREAD");
        awaitApplying(bound);
    }

    /** Forgets its primary for good and takes writes. */
    void promote() {
        replica.execute("STOP SLAVE", "RESET SLAVE ALL", "SET GLOBAL read_only=OFF");
    }

    /** "IO Yes, SQL Yes, applied 0-1-9" and the last errors, if any: for messages. */
    String describe() {
        Map<String, String> status = status();
        if (status.isEmpty()) {
            return replica + " replicates nothing";
        }
        return replica + ": IO " + status.get("Slave_IO_Running") + ", SQL " + status.get("Slave_SQL_Running")
                + ", applied " + appliedPosition()
                + errorText(" IO error: ", status.get("Last_IO_Error"))
                + errorText(" SQL error: ", status.get("Last_SQL_Error"));
    }

    /** Both threads run: connected to the primary, and applying. */
    private void awaitConnected(Duration bound) {
        await("connected and applying", status -> running(status, "Slave_IO_Running")
                && running(status, "Slave_SQL_Running"), bound);
    }

    /** The SQL thread runs; the IO thread may be reconnecting to a primary that is down, which is no matter. */
    private void awaitApplying(Duration bound) {
        await("applying", status -> running(status, "Slave_SQL_Running"), bound);
    }

    private void await(String state, Predicate<Map<String, String>> reached, Duration bound) {
        Instant deadline = Instant.now().plus(bound);
        while (!reached.test(status())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Not " + state + " within " + bound + ": " + describe());
            }
            sleep(POLL_INTERVAL);
        }
    }

    private static boolean running(Map<String, String> status, String thread) {
        return "Yes".equals(status.get(thread));
    }

    private Map<String, String> status() {
        return replica.rows("SHOW SLAVE STATUS").stream().findFirst().orElse(Map.of());
    }

    private static String errorText(String label, String error) {
        return error == null || error.isBlank() ? "" : label + error;
    }

    private static void sleep(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for replication", e);
        }
    }
}
