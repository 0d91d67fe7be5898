package com.example.posts.post;

import java.util.List;

/** One page of posts, newest first; {@code next} is the relative URL of the following page, or null. */
public record PostPage(List<PostView> items, String next) {
}
