package com.example.posts.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.IndependentOfTestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;

@IndependentOfTestDatabase
class AddressAllowListTest {

    @Test
    void byDefaultLoopbackAndPrivateRangesOnly() {
        AddressAllowList defaults = AddressAllowList.fromEnvironment(Map.of());

        for (String allowed : new String[] {"127.0.0.1", "127.9.9.9", "::1", "10.1.2.3", "172.31.255.255",
                "192.168.0.7", "fd00::5"}) {
            assertTrue(defaults.allows(allowed), allowed);
        }
        for (String refused : new String[] {"8.8.8.8", "172.32.0.1", "192.169.0.1", "2001:db8::1", "", "localhost"}) {
            assertFalse(defaults.allows(refused), refused);
        }
    }

    @Test
    void configuredListReplacesTheDefault() {
        AddressAllowList list = AddressAllowList.fromEnvironment(Map.of(AddressAllowList.VARIABLE,
                " 203.0.113.0/24 , 127.0.0.1"));

        assertTrue(list.allows("203.0.113.200"));
        assertTrue(list.allows("127.0.0.1"));
        assertFalse(list.allows("127.0.0.2"));
        assertFalse(list.allows("10.0.0.1"));
    }

    @Test
    void malformedEntriesStopStartUpNamingTheSetting() {
        for (String bad : new String[] {"10.0.0.0/33", "example.com", "10.0.0.0/x", "1.2.3.4/8/1"}) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> AddressAllowList.parse(bad), bad);
            assertTrue(e.getMessage().contains(AddressAllowList.VARIABLE), e.getMessage());
        }
    }
}
