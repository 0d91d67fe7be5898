package com.example.posts.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.config.ReplicaSettings;
import com.example.posts.stack.SteadyLoad.Report;
import com.example.posts.support.Eventually;
import com.example.posts.support.ReplicatedMariaDb;
import com.example.posts.support.TestToken;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A farm of two Tomcats behind nginx reading from two MariaDB replicas, under the farm's steady load of
 * readers and writers: a replica killed, then the primary killed and brought back. No read fails; writes
 * answer 503 while the primary is away, and succeed on every server once it is back, with no restart.
 */
class FarmReplicasIT {
    private static final int READS_PER_SECOND = 40;
    private static final int WRITES_PER_SECOND = 2;
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(30);

    private static ReplicatedMariaDb servers;
    private static Farm farm;

    @BeforeAll
    static void startFarmOnReplicas() {
        servers = ReplicatedMariaDb.start(2);
        String replicas = servers.replicas().stream().map(node -> node.host() + ":" + node.port())
                .collect(Collectors.joining(","));
        farm = Farm.startOwn("replica-farm", servers.appSettings(servers.primary()), (dir, env) -> {
            env.put(ReplicaSettings.ADDRESSES_VARIABLE, replicas);
            env.put(ReplicaSettings.KEY_VARIABLE, "farm-replicas-consistency-key-0123456789");
        });
        // The posts the steady load reads: 1 and 2.
        for (String content : new String[] {"first", "second"}) {
            assertEquals(201, write(farm.frontDoor().uri(), content).statusCode());
        }
    }

    @AfterAll
    static void stopServers() {
        if (servers != null) {
            servers.close();
        }
    }

    @BeforeEach
    void everyDatabaseServerRunsAndReplicasHaveEverything() {
        servers.restartStopped();
        for (int i = 0; i < servers.replicas().size(); i++) {
            servers.awaitCaughtUp(i, RECOVERY_BOUND);
        }
    }

    @Test
    void aReplicaKilledUnderLoadCostsNoReadAndNoWrite() throws Exception {
        SteadyLoad load = SteadyLoad.start(farm.frontDoor().uri(), READS_PER_SECOND, WRITES_PER_SECOND);
        awaitReads(load, READS_PER_SECOND * 2);

        servers.kill(servers.replica(0));
        awaitReads(load, load.completedReads() + READS_PER_SECOND * 5);
        Report report = load.stop();

        System.out.println("[farm on replicas] a replica killed: " + report);
        assertEquals(0, report.reads().failed(), report.toString());
        assertEquals(0, report.writes().failed(), report.toString());
        for (TomcatServer server : farm.servers()) {
            String health = Farm.get(server.uri().resolve("health")).body();
            assertTrue(health.startsWith("{\"status\":\"UP\",\"database\":\"UP\"")
                    && health.contains("\"status\":\"DOWN\""), health);
        }
    }

    @Test
    void thePrimaryKilledUnderLoadCostsNoReadAndWritesComeBackWithoutARestart() throws Exception {
        SteadyLoad load = SteadyLoad.start(farm.frontDoor().uri(), READS_PER_SECOND, WRITES_PER_SECOND);
        awaitReads(load, READS_PER_SECOND * 2);

        servers.kill(servers.primary());
        awaitReads(load, load.completedReads() + READS_PER_SECOND * 5);
        for (TomcatServer server : farm.servers()) {
            assertEquals(503, write(server.uri(), "while the primary is away").statusCode());
            assertEquals(200, Farm.get(server.uri().resolve("health/ready")).statusCode(), "ready for reads");
        }
        servers.restart(servers.primary());
        for (TomcatServer server : farm.servers()) {
            assertEquals(201, Eventually.until(() -> write(server.uri(), "after").statusCode(),
                    status -> status == 201, RECOVERY_BOUND), server.uri() + " writes again");
        }
        Report report = load.stop();

        System.out.println("[farm on replicas] the primary killed and restarted: " + report);
        assertEquals(0, report.reads().failed(), report.toString());
        Set<String> writeFailures = report.writes().failures().keySet();
        assertTrue(Set.of("HTTP 503").containsAll(writeFailures), "writes failed only as unavailable: " + report);
    }

    private static HttpResponse<String> write(URI server, String content) {
        HttpRequest request = HttpRequest.newBuilder(server.resolve("posts"))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + TestToken.VALUE)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"content\":\"" + content + "\",\"author_email\":\"farm@example.com\"}"))
                .build();
        return Farm.send(request);
    }

    /** Waits (bounded by the load's own limit) until the load has completed that many reads. */
    private static void awaitReads(SteadyLoad load, int reads) throws InterruptedException {
        long deadline = System.nanoTime() + SteadyLoad.LONGEST.toNanos();
        while (load.completedReads() < reads && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }
}
