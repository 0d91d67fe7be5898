package com.example.posts.docs;

import com.example.posts.config.ConfigurationException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * {@code /docs}: Swagger UI over /openapi.json, every file from the WAR (our page and start-up script,
 * Swagger UI's bundle and style from its webjar), none from a CDN. Its own Content-Security-Policy allows
 * exactly that: scripts, styles, fonts and the document from this origin; nginx sends the same for /docs.
 */
@Path("docs")
public final class DocsResource {
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    private static final String WEBJAR = "/META-INF/resources/webjars/swagger-ui/";
    /** What the page needs, by the name it asks for; nothing else is served. */
    private static final Map<String, String> FILES = Map.of(
            "swagger-ui-bundle.js", "application/javascript; charset=utf-8",
            "swagger-ui.css", "text/css; charset=utf-8",
            "favicon-32x32.png", "image/png");
    private static final String OWN_SCRIPT = "start.js";

    private final String webjarFolder;

    private DocsResource(String webjarFolder) {
        this.webjarFolder = webjarFolder;
    }

    /** Finds Swagger UI's version in its webjar, so upgrading it is a change to the pom alone. */
    public static DocsResource fromClasspath() {
        try (InputStream in = DocsResource.class.getResourceAsStream(
                "/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new ConfigurationException("The swagger-ui webjar is missing from the build");
            }
            Properties properties = new Properties();
            properties.load(in);
            return new DocsResource(WEBJAR + properties.getProperty("version") + "/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's links are relative to {@code /docs}; at {@code /docs/} they would miss, so it moves there. */
    @GET
    public Response page(@Context UriInfo uri) {
        if (uri.getPath().endsWith("/")) {
            return Response.status(Response.Status.PERMANENT_REDIRECT)
                    .location(uri.getBaseUriBuilder().path("docs").build())
                    .build();
        }
        return serve("/docs/index.html", "text/html; charset=utf-8");
    }

    @GET
    @Path("{file}")
    public Response file(@PathParam("file") String file) {
        if (file.equals(OWN_SCRIPT)) {
            return serve("/docs/" + OWN_SCRIPT, "application/javascript; charset=utf-8");
        }
        String type = FILES.get(file);
        if (type == null) {
            throw new NotFoundException();
        }
        return serve(webjarFolder + file, type);
    }

    private static Response serve(String resource, String type) {
        InputStream in = DocsResource.class.getResourceAsStream(resource);
        if (in == null) {
            throw new NotFoundException();
        }
        return Response.ok(in, type).header("Content-Security-Policy", CONTENT_SECURITY_POLICY).build();
    }
}
