package com.example.posts.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.posts.db.Database;
import com.example.posts.support.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The monitor's checks, on the test database standing in for both the primary and its replica. */
class ReplicaMonitorTest {

    @Test
    void aReadThatFindsTheReplicaDownWhileACheckRunsKeepsItDownUntilTheNextCheck() {
        Database database = TestDatabase.shared().database();
        AtomicReference<ReplicaNode> replica = new AtomicReference<>();
        AtomicBoolean readFailsDuringTheCheck = new AtomicBoolean(true);
        // The check's own query succeeds; a read marks the replica down while the check waits for that answer.
        DataSource failingMeanwhile = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && readFailsDuringTheCheck.getAndSet(false)) {
                        replica.get().markDown();
                    }
                    try {
                        return method.invoke(database.dataSource(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        replica.set(new ReplicaNode("replica-1", failingMeanwhile));
        ReplicationFlavour flavour = database.isMariaDb() ? ReplicationFlavour.MARIADB : ReplicationFlavour.MYSQL;
        try (ReplicaMonitor monitor = new ReplicaMonitor(database.dataSource(), flavour, List.of(replica.get()),
                Duration.ofSeconds(10), Clock.systemUTC())) {

            monitor.checkAll();
            assertEquals(ReplicaNode.State.DOWN, replica.get().state());

            monitor.checkAll();
            assertEquals(ReplicaNode.State.UP, replica.get().state());
        }
    }
}
