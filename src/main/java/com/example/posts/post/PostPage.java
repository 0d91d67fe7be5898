package com.example.posts.post;

import java.util.List;

/**
 * One page of posts, newest first; {@code next} is the root-relative URL of the following page (under the
 * context path the WAR runs at), or null.
 */
public record PostPage(List<PostView> items, String next) {
}
