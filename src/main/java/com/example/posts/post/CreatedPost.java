package com.example.posts.post;

import jakarta.ws.rs.core.EntityTag;
import java.time.LocalDateTime;

/** What a create answers: the post as created, and its ETag. A replay answers the same again. */
record CreatedPost(PostView view, EntityTag etag, boolean replayed) {

    static CreatedPost of(Post post) {
        return new CreatedPost(PostView.of(post), PostPreconditions.etagOf(post), false);
    }

    /**
     * The answer of the request that created the post, rebuilt: the request is the same (its fingerprint
     * matched), so are its content and author, and a new post is at its first version.
     */
    static CreatedPost replayed(int id, PostRequest request, LocalDateTime createdTime) {
        Post post = Post.created(id, request.content(), request.authorEmail(), createdTime);
        return new CreatedPost(PostView.of(post), PostPreconditions.etagOf(post), true);
    }

    int id() {
        return view.id();
    }
}
