package com.example.posts.post;

import com.example.posts.web.EntityTagList;
import com.example.posts.web.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;

/**
 * Conditional requests on a post, its version being the ETag (always strong), in RFC 9110 13.2.2's order:
 * a failed If-Match answers 412; then a matching If-None-Match answers 304 on reads, 412 on writes. Without
 * those headers every request goes through. The headers are parsed once, when the request arrives; a
 * malformed one is the client's error, a 400 naming it.
 */
final class PostPreconditions {
    private final Optional<EntityTagList> ifMatch;
    private final Optional<EntityTagList> ifNoneMatch;

    private PostPreconditions(Optional<EntityTagList> ifMatch, Optional<EntityTagList> ifNoneMatch) {
        this.ifMatch = ifMatch;
        this.ifNoneMatch = ifNoneMatch;
    }

    /** Reads ask {@link #notModified}, writes {@link #requireCurrent}: the same headers, two answers. */
    static PostPreconditions of(ContainerRequestContext request) {
        return new PostPreconditions(header(request, HttpHeaders.IF_MATCH), header(request, HttpHeaders.IF_NONE_MATCH));
    }

    static EntityTag etagOf(Post post) {
        return new EntityTag(Integer.toString(post.version()));
    }

    /** The 304 to answer instead of the post, if the client already has this version. */
    Optional<Response> notModified(Post post) {
        requireIfMatch(post);
        if (noneMatchFails(post)) {
            return Optional.of(Response.notModified(etagOf(post)).build());
        }
        return Optional.empty();
    }

    /** For writes: throws 412 when the client's If-Match (or If-None-Match) rules the write out. */
    void requireCurrent(Post post) {
        requireIfMatch(post);
        if (noneMatchFails(post)) {
            throw new ProblemException(412, "The post exists as If-None-Match names it; its current ETag is "
                    + etagOf(post));
        }
    }

    private void requireIfMatch(Post post) {
        if (ifMatch.isPresent() && !ifMatch.get().matchesStrongly(etagOf(post).getValue())) {
            throw new ProblemException(412, "The post has changed; its current ETag is " + etagOf(post));
        }
    }

    private boolean noneMatchFails(Post post) {
        return ifNoneMatch.isPresent() && ifNoneMatch.get().matchesWeakly(etagOf(post).getValue());
    }

    private static Optional<EntityTagList> header(ContainerRequestContext request, String name) {
        List<String> lines = request.getHeaders().get(name);
        if (lines == null || lines.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(EntityTagList.parse(lines).orElseThrow(() -> new ProblemException(400, name
                + " is not a list of entity tags: write each tag in double quotes, like \"3\", or send *")));
    }
}
