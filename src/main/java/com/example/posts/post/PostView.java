package com.example.posts.post;

import java.time.Instant;
import java.time.ZoneOffset;

/** A post as the API shows it: {@code {"id","content","author_email","created_time"}}. */
public record PostView(int id, String content, String authorEmail, Instant createdTime) {

    static PostView of(Post post) {
        return new PostView(post.id(), post.content(), post.authorEmail(),
                post.createdTime().toInstant(ZoneOffset.UTC));
    }
}
