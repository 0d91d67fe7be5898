package com.example.posts.post;

import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/** Reading one post, shared by {@code /posts/{id}} and the original app's {@code /post/{id}}. */
final class PostReads {
    private PostReads() {
    }

    static Response answer(PostRepository posts, String rawId, Request request) {
        int id = PostId.parse(rawId);
        Post post = posts.findById(id).orElseThrow(() -> PostId.notFound(id));
        return PostPreconditions.notModified(request, post)
                .orElseGet(() -> Response.ok(PostView.of(post)).tag(PostPreconditions.etagOf(post)).build());
    }
}
