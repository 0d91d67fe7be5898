package com.example.posts.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.posts.health.HealthResource;
import com.example.posts.metrics.MetricsResource;
import com.example.posts.author.AuthorResource;
import com.example.posts.author.AuthorTokenResource;
import com.example.posts.author.MeResource;
import com.example.posts.post.LegacyPostResource;
import com.example.posts.post.PostResource;
import com.example.posts.greeting.RootResource;
import com.example.posts.support.IndependentOfTestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.Test;

/** Every route the resources serve is in openapi.yaml, and the document names no route they lack. */
@IndependentOfTestDatabase
class OpenApiCoversEveryRouteTest {

    @Test
    void documentAndResourcesNameTheSameRoutes() throws Exception {
        Set<String> served = new TreeSet<>();
        for (Class<?> type : new Class<?>[] {RootResource.class, PostResource.class, LegacyPostResource.class,
                HealthResource.class, MetricsResource.class, OpenApiResource.class, DocsResource.class,
                AuthorResource.class, AuthorTokenResource.class, MeResource.class}) {
            collect(Resource.from(type), "", served);
        }
        Set<String> documented = new TreeSet<>();
        try (InputStream in = getClass().getResourceAsStream(OpenApiResource.RESOURCE)) {
            JsonNode paths = new YAMLMapper().readTree(in).get("paths");
            paths.fieldNames().forEachRemaining(path -> paths.get(path).fieldNames().forEachRemaining(method -> {
                if (!method.equals("parameters")) {
                    documented.add(method.toUpperCase() + " " + path);
                }
            }));
        }

        assertEquals(served, documented);
    }

    private static void collect(Resource resource, String parent, Set<String> routes) {
        String path = join(parent, resource.getPath());
        for (ResourceMethod method : resource.getResourceMethods()) {
            routes.add(method.getHttpMethod() + " " + (path.isEmpty() ? "/" : path));
        }
        for (Resource child : resource.getChildResources()) {
            collect(child, path, routes);
        }
    }

    private static String join(String parent, String path) {
        String segment = path == null ? "" : path.replaceAll("^/+|/+$", "");
        return segment.isEmpty() ? parent : parent + "/" + segment;
    }
}
