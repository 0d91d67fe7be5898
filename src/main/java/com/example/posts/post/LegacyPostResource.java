package com.example.posts.post;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /post/{id}}, the original app's read path, kept so its clients keep working. */
@Path("post")
@Produces(MediaType.APPLICATION_JSON)
public final class LegacyPostResource {
    private final PostRepository posts;

    public LegacyPostResource(PostRepository posts) {
        this.posts = posts;
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return PostReads.answer(posts, id, request);
    }
}
