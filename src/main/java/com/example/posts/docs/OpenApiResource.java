package com.example.posts.docs;

import com.example.posts.config.ConfigurationException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI description, written by hand in openapi.yaml and held to the code by the contract tests
 * (every response they receive is checked against it). Served as written, and as JSON.
 */
@Path("")
public final class OpenApiResource {
    static final String RESOURCE = "/openapi.yaml";
    private static final MediaType YAML = MediaType.valueOf("application/yaml");

    private final byte[] yaml;
    private final byte[] json;

    private OpenApiResource(byte[] yaml, byte[] json) {
        this.yaml = yaml;
        this.json = json;
    }

    public static OpenApiResource fromClasspath() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ConfigurationException(RESOURCE + " is missing from the build");
            }
            byte[] yaml = in.readAllBytes();
            byte[] json = new ObjectMapper().writeValueAsBytes(new YAMLMapper().readTree(yaml));
            return new OpenApiResource(yaml, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Path("openapi.yaml")
    public Response yaml() {
        return Response.ok(yaml, YAML).build();
    }

    @GET
    @Path("openapi.json")
    public Response json() {
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
