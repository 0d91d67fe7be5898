package com.example.posts.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.contract.ApiTestCase;
import com.example.posts.contract.ContractTest;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ContractTest
class RequestIdTest extends ApiTestCase {
    private static final String SAFE_ID = "[A-Za-z0-9._-]{1,64}";

    @Test
    void echoesASafeRequestId() {
        Response response = target("posts/1").request().header(RequestIdFilter.HEADER, "abc.DEF_123-x").get();

        assertEquals("abc.DEF_123-x", response.getHeaderString(RequestIdFilter.HEADER));
    }

    @Test
    void makesOneWhenNoneIsSent() {
        String first = target("posts/1").request().get().getHeaderString(RequestIdFilter.HEADER);
        String second = target("posts/1").request().get().getHeaderString(RequestIdFilter.HEADER);

        assertTrue(first.matches(SAFE_ID), first);
        assertNotEquals(first, second);
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "semi;colon", "<script>", "ünïcode", "", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void replacesAnUnsafeRequestId(String unsafe) {
        Response response = target("posts/1").request().header(RequestIdFilter.HEADER, unsafe).get();

        String replaced = response.getHeaderString(RequestIdFilter.HEADER);
        assertTrue(replaced.matches(SAFE_ID), replaced);
        assertNotEquals(unsafe, replaced);
    }

    @Test
    void acceptsTheLongestSafeId() {
        String longest = "y".repeat(64);

        assertEquals(longest, target("nowhere").request().header(RequestIdFilter.HEADER, longest).get()
                .getHeaderString(RequestIdFilter.HEADER));
    }

    @Test
    void problemBodiesCarryTheRequestId() {
        Response response = target("posts/999").request().header(RequestIdFilter.HEADER, "trace-404").get();

        assertEquals("trace-404", body(response).get("request_id").asText());
    }
}
