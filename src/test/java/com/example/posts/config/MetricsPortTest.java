package com.example.posts.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.IndependentOfTestDatabase;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

@IndependentOfTestDatabase
class MetricsPortTest {

    @Test
    void unsetOrBlankMeansNoMetricsPort() {
        assertEquals(OptionalInt.empty(), MetricsPort.fromEnvironment(Map.of()));
        assertEquals(OptionalInt.empty(), MetricsPort.fromEnvironment(Map.of(MetricsPort.VARIABLE, " ")));
    }

    @Test
    void aPortNumberIsTheMetricsPort() {
        assertEquals(OptionalInt.of(8081), MetricsPort.fromEnvironment(Map.of(MetricsPort.VARIABLE, " 8081 ")));
    }

    @Test
    void anythingElseFailsNamingTheSetting() {
        for (String wrong : new String[] {"metrics", "0", "65536", "-1", "8081,8082"}) {
            ConfigurationException refused = assertThrows(ConfigurationException.class,
                    () -> MetricsPort.fromEnvironment(Map.of(MetricsPort.VARIABLE, wrong)));

            assertTrue(refused.getMessage().startsWith(MetricsPort.VARIABLE), refused.getMessage());
            assertTrue(refused.getMessage().contains("'" + wrong + "'"), refused.getMessage());
        }
    }
}
