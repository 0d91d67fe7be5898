package com.example.posts.web;

import static com.example.posts.web.ErrorResponsesTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.example.posts.ApplicationSettings;
import com.example.posts.PostsApplication;
import com.example.posts.config.ApiToken;
import com.example.posts.contract.ApiTestCase;
import com.example.posts.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import org.junit.jupiter.api.Test;

/** A bug is a plain 500 problem. In-process only: it needs a resource that fails, registered here. */
class UnexpectedErrorsTest extends ApiTestCase {

    /** Stands for a bug: throws what a broken query would. */
    @Path("broken")
    public static final class BrokenResource {
        @GET
        public String fail() {
            throw new IllegalStateException("SELECT secret FROM post WHERE 1=1 -- com.example.posts.internal");
        }
    }

    @Override
    protected Application application() {
        return new PostsApplication(ApplicationSettings.servingFrom(TestDatabase.shared().database(), ApiToken.of(TOKEN)))
                .register(BrokenResource.class);
    }

    @Test
    void bugsAreInternalServerErrorsThatRevealNothing() {
        JsonNode problem = assertProblem(target("broken").request().get(), 500);

        String text = problem.toString();
        assertFalse(text.contains("SELECT") || text.contains("com.example") || text.contains("IllegalState")
                || text.contains("Exception") || text.contains("\tat "), text);
    }
}
