package com.example.posts.post;

import com.example.posts.web.Credential;
import com.example.posts.web.Problem;
import com.example.posts.web.ProblemException;
import java.util.Map;

/**
 * Which posts a credential may write: an admin (and the service token) any; an author only posts whose
 * author_email is their own, and only as themselves. The row's check runs under the write's row lock, with
 * the ETag check, so a post reassigned in between is judged as it is now.
 */
final class PostPermissions {
    private PostPermissions() {
    }

    /** On POST and PUT: the body's author_email must be the sender's own, unless an admin sends it. */
    static void requireMayWriteAs(Credential credential, String authorEmail) {
        if (!credential.isAdmin() && !credential.isOwnEmail(authorEmail)) {
            throw new ProblemException(Problem.of(403, "An author writes posts as themselves; "
                    + "only an admin may name another author").withErrors(Map.of("author_email",
                    "must be your own email address")));
        }
    }

    /** On PUT and DELETE, under the row lock: the post must be the sender's own, unless an admin sends it. */
    static void requireMayChange(Credential credential, Post post) {
        if (!credential.isAdmin() && !credential.isOwnEmail(post.authorEmail())) {
            throw new ProblemException(403, "This post belongs to another author; an author may change only "
                    + "their own posts");
        }
    }
}
