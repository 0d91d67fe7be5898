package com.example.posts.stack;

import static com.example.posts.stack.FrontDoorClient.raw;
import static com.example.posts.stack.FrontDoorClient.request;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.ResetDatabase;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * Tomcat itself, with no nginx in front, answers 400 for the path spellings that the Servlet specification
 * calls suspicious (rejectSuspiciousURIs in docker/tomcat/server.xml): with them a request would reach another
 * context than a proxy's rules saw, such as the deploy's /posts-candidate. Here the second context,
 * /posts-api, stands in for the candidate.
 */
// /posts/1 is read below, whatever the tests before left.
@ResetDatabase
class SuspiciousPathsOnTomcatIT {
    private final URI tomcat = TestedStack.current().orElseThrow().tomcat().uri();

    @Test
    void pathParametersOnEmptyOrDotSegmentsAreBadRequests() throws Exception {
        String context = "/" + TestedStack.SECOND_CONTEXT;
        for (String path : new String[] {"/;" + context + "/health", "/;x" + context + "/health",
                "/.;" + context + "/health", "/.;x" + context + "/health", "/..;" + context + "/health",
                context + "/..;/health", "/;/posts-candidate/health", "/.;/posts-candidate/health",
                "/%2e;" + context + "/health"}) {
            String answer = get(path);

            assertTrue(answer.startsWith("HTTP/1.1 400"), path + ":\n" + answer);
            assertFalse(answer.contains("\"status\":\"UP\""), path + ":\n" + answer);
        }
    }

    @Test
    void theServicesOwnPathsStillAnswer() throws Exception {
        for (String path : new String[] {"/", "/posts/1", "/posts?limit=2", "/health", "/docs", "/app/",
                "/openapi.json", "/" + TestedStack.SECOND_CONTEXT + "/health"}) {
            String answer = get(path);

            assertTrue(answer.startsWith("HTTP/1.1 200"), path + ":\n" + answer);
        }
    }

    private String get(String path) throws Exception {
        return raw(TestedStack.APP_ADDRESS, tomcat, request("GET", path, "Host: x"));
    }
}
