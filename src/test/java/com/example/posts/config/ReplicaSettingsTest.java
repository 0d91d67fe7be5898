package com.example.posts.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.IndependentOfTestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@IndependentOfTestDatabase
class ReplicaSettingsTest {
    private static final String KEY = "k".repeat(32);

    @Test
    void withoutReplicasThereAreNone() {
        assertTrue(ReplicaSettings.fromEnvironment(Map.of()).addresses().isEmpty());
        assertTrue(ReplicaSettings.fromEnvironment(Map.of(ReplicaSettings.ADDRESSES_VARIABLE, " ")).addresses()
                .isEmpty());
    }

    @Test
    void listsHostsWithPortsV6AddressesAndTheDefaultPort() {
        ReplicaSettings settings = ReplicaSettings.fromEnvironment(Map.of(ReplicaSettings.ADDRESSES_VARIABLE,
                "db-replica-1:3307, [::1]:3308,db-replica-2, [fd00::7]", ReplicaSettings.KEY_VARIABLE, KEY));

        assertEquals(List.of(new ReplicaAddress("db-replica-1", 3307), new ReplicaAddress("::1", 3308),
                new ReplicaAddress("db-replica-2", 3306), new ReplicaAddress("fd00::7", 3306)), settings.addresses());
        assertEquals("[::1]:3308", settings.addresses().get(1).toString());
    }

    @Test
    void defaultsWaitHalfASecondAndLetReplicasLagTenSeconds() {
        ReplicaSettings settings = ReplicaSettings.fromEnvironment(Map.of(ReplicaSettings.ADDRESSES_VARIABLE, "r:1",
                ReplicaSettings.KEY_VARIABLE, KEY));

        assertEquals(Duration.ofMillis(500), settings.catchUpWait());
        assertEquals(Duration.ofSeconds(10), settings.maxLag());
    }

    @Test
    void malformedListsStopStartUpNamingTheSetting() {
        for (String bad : new String[] {"r:0", "r:65536", "r:x", "r:", ",", "r:1,", "[::1", "[::1]x", "a b:1",
                "r:1,r:1"}) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> ReplicaSettings.fromEnvironment(Map.of(ReplicaSettings.ADDRESSES_VARIABLE, bad)), bad);
            assertTrue(e.getMessage().startsWith(ReplicaSettings.ADDRESSES_VARIABLE), e.getMessage());
        }
    }

    @Test
    void theWaitIsBoundedByHalfASecondAndTheLagByAnHour() {
        for (Map.Entry<String, String> bad : List.of(Map.entry(ReplicaSettings.WAIT_VARIABLE, "501"),
                Map.entry(ReplicaSettings.WAIT_VARIABLE, "-1"), Map.entry(ReplicaSettings.WAIT_VARIABLE, "0.2"),
                Map.entry(ReplicaSettings.MAX_LAG_VARIABLE, "0"),
                Map.entry(ReplicaSettings.MAX_LAG_VARIABLE, "3601"))) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> ReplicaSettings.fromEnvironment(Map.of(bad.getKey(), bad.getValue())), bad.toString());
            assertTrue(e.getMessage().startsWith(bad.getKey()), e.getMessage());
        }
        assertEquals(Duration.ZERO, ReplicaSettings.fromEnvironment(Map.of(ReplicaSettings.WAIT_VARIABLE, "0"))
                .catchUpWait());
    }

    @Test
    void replicasWithoutAKeyStopStartUpNamingIt() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ReplicaSettings.fromEnvironment(Map.of(ReplicaSettings.ADDRESSES_VARIABLE, "r:1")));
        assertTrue(e.getMessage().startsWith(ReplicaSettings.KEY_VARIABLE), e.getMessage());
    }

    @Test
    void theTokenKeyMustBeLongEnoughOnceThereAreReplicas() {
        ConfigurationException missing = assertThrows(ConfigurationException.class,
                () -> ReplicaSettings.fromEnvironment(Map.of(ReplicaSettings.KEY_VARIABLE, "k".repeat(31)))
                        .requiredTokenKey());
        assertTrue(missing.getMessage().startsWith(ReplicaSettings.KEY_VARIABLE), missing.getMessage());

        assertArrayEquals(KEY.getBytes(StandardCharsets.UTF_8),
                ReplicaSettings.fromEnvironment(Map.of(ReplicaSettings.KEY_VARIABLE, KEY)).requiredTokenKey());
    }

    @Test
    void itsTextNeverShowsTheKey() {
        ReplicaSettings settings = ReplicaSettings.fromEnvironment(Map.of(ReplicaSettings.ADDRESSES_VARIABLE, "r:1",
                ReplicaSettings.KEY_VARIABLE, KEY));

        assertTrue(!settings.toString().contains(KEY), settings.toString());
    }
}
