package com.example.posts.web;

import static com.example.posts.web.AuthenticationTest.assertUnauthorized;

import com.example.posts.contract.ApiTestCase;
import org.junit.jupiter.api.Test;

/**
 * In-process only: behind nginx, nginx's own body limit, and its 404 for paths that are not the service's,
 * answer before the application sees the request.
 */
class AuthenticationBeforeBodyLimitTest extends ApiTestCase {

    @Test
    void authenticationComesBeforeTheBodySizeLimit() {
        assertUnauthorized(target("posts/1").request().post(json("{\"content\":\"" + "x".repeat(2_000_000) + "\"}")));
    }

    @Test
    void authenticationComesBeforeAnUnknownPath() {
        assertUnauthorized(target("nowhere").request().post(json("{\"content\":\"x\",\"author_email\":\"a@b.co\"}")));
    }
}
