package com.example.posts.post;

import com.example.posts.replica.ReadPoint;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

/** Reading one post, shared by {@code /posts/{id}} and the original app's {@code /post/{id}}. */
final class PostReads {
    private PostReads() {
    }

    static Response answer(PostRepository posts, String rawId, ContainerRequestContext request) {
        int id = PostId.parse(rawId);
        PostPreconditions preconditions = PostPreconditions.of(request);
        Post post = posts.findById(id, ReadPoint.of(request)).orElseThrow(() -> PostId.notFound(id));
        return preconditions.notModified(post)
                .orElseGet(() -> Response.ok(PostView.of(post)).tag(PostPreconditions.etagOf(post)).build());
    }
}
