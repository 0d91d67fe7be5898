package com.example.posts.post;

import com.example.posts.web.ProblemException;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * Conditional requests on a post, its version being the ETag: If-None-Match on reads answers 304,
 * a stale If-Match on writes answers 412. Without those headers every request goes through.
 */
final class PostPreconditions {
    private PostPreconditions() {
    }

    static EntityTag etagOf(Post post) {
        return new EntityTag(Integer.toString(post.version()));
    }

    /** The 304 to answer instead of the post, if the client already has this version. */
    static Optional<Response> notModified(Request request, Post post) {
        return Optional.ofNullable(evaluate(request, post)).map(Response.ResponseBuilder::build);
    }

    /** For writes: throws 412 when the client's If-Match (or If-None-Match) rules the write out. */
    static void requireCurrent(Request request, Post post) {
        evaluate(request, post);
    }

    private static Response.ResponseBuilder evaluate(Request request, Post post) {
        Response.ResponseBuilder failed = request.evaluatePreconditions(etagOf(post));
        if (failed != null && failed.build().getStatus() == Response.Status.PRECONDITION_FAILED.getStatusCode()) {
            throw stale(post);
        }
        return failed;
    }

    private static ProblemException stale(Post post) {
        return new ProblemException(412, "The post has changed; its current ETag is " + etagOf(post));
    }
}
