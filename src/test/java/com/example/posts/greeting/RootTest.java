package com.example.posts.greeting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.posts.contract.ApiTestCase;
import com.example.posts.contract.ContractTest;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

@ContractTest
class RootTest extends ApiTestCase {

    @Test
    void greetsLikeTheOriginalApp() {
        Response response = target("").request().get();

        assertEquals(200, response.getStatus());
        assertEquals("text/plain", response.getMediaType().toString());
        assertEquals("Hello World!", response.readEntity(String.class));
    }
}
