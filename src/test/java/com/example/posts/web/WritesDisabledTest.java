package com.example.posts.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.ApplicationSettings;
import com.example.posts.PostsApplication;
import com.example.posts.config.ApiToken;
import com.example.posts.contract.ApiTestCase;
import com.example.posts.support.TestDatabase;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** Without POSTS_API_TOKEN the service is read-only, and says why. */
class WritesDisabledTest extends ApiTestCase {

    @Override
    protected Application application() {
        return new PostsApplication(ApplicationSettings.servingFrom(TestDatabase.shared().database(), ApiToken.none()));
    }

    @Test
    void writesAreForbiddenWithReason() {
        Response response = authorized("posts").post(json("{\"content\":\"x\",\"author_email\":\"a@b.co\"}"));

        assertEquals(403, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        assertTrue(body(response).get("detail").asText().contains("POSTS_API_TOKEN"));
        assertEquals(403, authorized("posts/1").delete().getStatus());
        assertEquals(200, target("posts/1").request().get().getStatus());
    }
}
