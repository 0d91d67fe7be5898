package com.example.posts.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.web.AppPageHeaders;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The WAR serves the browser page itself (a Tomcat without our nginx gets it too): Tomcat 11 and 10.1. */
class AppPageOnTomcatIT {
    private final FrontDoorClient client = new FrontDoorClient();
    private final URI tomcat = TestedStack.current().orElseThrow().tomcat().uri();

    @Test
    void servesThePageWithItsPolicyAndValidators() throws Exception {
        HttpResponse<String> page = client.send(tomcat, "GET", "app/", null);

        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<script type=\"module\" src=\"app.js\"></script>"), page.body());
        assertEquals(AppPageHeaders.CONTENT_SECURITY_POLICY,
                page.headers().firstValue("Content-Security-Policy").orElse(null));
        assertEquals("no-cache", page.headers().firstValue("Cache-Control").orElse(null));
        assertTrue(page.headers().firstValue("Last-Modified").isPresent());
        String etag = page.headers().firstValue("ETag").orElseThrow();

        assertEquals(304, client.send(tomcat, "GET", "app/", null, "If-None-Match", etag).statusCode());
    }

    @Test
    void servesTheScriptsAsJavaScriptAndTheRootStaysTheApi() throws Exception {
        HttpResponse<String> script = client.send(tomcat, "GET", "app/app.js", null);

        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Content-Type").orElse("").contains("javascript"));
        assertEquals("no-cache", script.headers().firstValue("Cache-Control").orElse(null));
        assertEquals("Hello World!", client.send(tomcat, "GET", "", null).body());
        assertEquals(404, client.send(tomcat, "GET", "app/nothing-here.js", null).statusCode());
    }
}
