package com.example.posts.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.docs.DocsResource;
import com.example.posts.support.IndependentOfTestDatabase;
import com.example.posts.web.JsonMapperProvider;
import com.example.posts.web.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The facts that nginx's configuration and the application both state, in two languages: each is tied to
 * the application's own source here, so that changing one side without the other fails the build.
 */
@IndependentOfTestDatabase
class NginxSpeaksLikeTheAppTest {
    private static final Path MAIN = Path.of("nginx/templates/posts.conf.template");
    private static final Path PROXY = Path.of("nginx/templates/posts/proxy.conf.template");
    private static final ObjectMapper JSON = JsonMapperProvider.createMapper();
    private static final Pattern ERROR_BODY = Pattern.compile("return (\\d{3}) '(\\{.*})';");
    private static final Pattern DOCS_POLICY = Pattern.compile("\"~\\^/docs[^\"]*\" \"([^\"]+)\";");

    @Test
    void nginxsOwnErrorsHaveTheShapeOfTheAppsProblems() throws IOException {
        List<String> bodies = errorBodies();
        assertFalse(bodies.isEmpty(), "no error bodies found in " + PROXY);
        for (String body : bodies) {
            JsonNode nginx = JSON.readTree(body.replace("$posts_request_id", "rid-1"));
            int status = nginx.get("status").asInt();
            JsonNode app = JSON.valueToTree(Problem.of(status, nginx.get("detail").asText()).withRequestId("rid-1"));

            assertEquals(app, nginx, "nginx's " + status + " differs from Problem.of(" + status + ")");
        }
    }

    @Test
    void everyErrorNginxAnswersItselfHasItsBody() throws IOException {
        String proxy = Files.readString(PROXY);
        Set<String> pages = new TreeSet<>();
        Matcher page = Pattern.compile("error_page \\d{3}(?: =\\d{3})? /posts-errors/(\\d{3});").matcher(proxy);
        while (page.find()) {
            pages.add(page.group(1));
        }
        Set<String> bodies = new TreeSet<>();
        Matcher body = ERROR_BODY.matcher(proxy);
        while (body.find()) {
            bodies.add(body.group(1));
        }

        assertEquals(pages, bodies);
    }

    @Test
    void theDocsPageHasOnePolicyWhoeverServesIt() throws IOException {
        Matcher nginx = DOCS_POLICY.matcher(Files.readString(MAIN));

        assertTrue(nginx.find(), "no policy for /docs in " + MAIN);
        assertEquals(DocsResource.CONTENT_SECURITY_POLICY, nginx.group(1));
    }

    private static List<String> errorBodies() throws IOException {
        List<String> bodies = new ArrayList<>();
        Matcher body = ERROR_BODY.matcher(Files.readString(PROXY));
        while (body.find()) {
            bodies.add(body.group(2));
        }
        return bodies;
    }
}
