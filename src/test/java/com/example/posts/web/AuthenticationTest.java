package com.example.posts.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.contract.ApiTestCase;
import com.example.posts.contract.ContractTest;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

@ContractTest
class AuthenticationTest extends ApiTestCase {
    private static final String BODY = "{\"content\":\"x\",\"author_email\":\"a@b.co\"}";

    static void assertUnauthorized(Response response) {
        assertEquals(401, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        assertTrue(response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE).startsWith("Bearer realm=\"posts\""));
    }

    @Test
    void writesWithoutTokenAreUnauthorized() {
        assertUnauthorized(target("posts").request().post(json(BODY)));
        assertUnauthorized(target("posts/1").request().put(json(BODY)));
        assertUnauthorized(target("posts/1").request().delete());
        assertEquals(200, target("posts/1").request().get().getStatus(), "nothing was deleted");
    }

    @Test
    void wrongTokenIsUnauthorizedAsInvalid() {
        Response response = target("posts").request().header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN + "x")
                .post(json(BODY));

        assertUnauthorized(response);
        assertTrue(response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE).contains("invalid_token"));
    }

    @Test
    void otherSchemesAreUnauthorized() {
        assertUnauthorized(target("posts").request().header(HttpHeaders.AUTHORIZATION, "Basic " + TOKEN).post(json(BODY)));
        assertUnauthorized(target("posts").request().header(HttpHeaders.AUTHORIZATION, "Bearer ").post(json(BODY)));
    }

    @Test
    void schemeIsCaseInsensitive() {
        Response response = target("posts").request().header(HttpHeaders.AUTHORIZATION, "bearer " + TOKEN).post(json(BODY));

        assertEquals(201, response.getStatus());
    }

    @Test
    void authenticationComesBeforeEverythingElseAboutAWrite() {
        assertUnauthorized(target("posts").request().post(Entity.entity("x", MediaType.TEXT_PLAIN_TYPE)));
        assertUnauthorized(target("posts").request().post(json("{not json")));
    }

    @Test
    void readsArePublic() {
        assertEquals(200, target("posts").request().get().getStatus());
        assertEquals(200, target("posts/1").request().get().getStatus());
        assertEquals(200, target("").request().get().getStatus());
    }
}
