package com.example.posts.author;

import com.example.posts.web.Credential;
import com.example.posts.web.IntParameter;
import com.example.posts.web.Problem;
import com.example.posts.web.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;

/** Who may read and change accounts: an admin anyone's, an author their own. A refusal is a 403. */
final class AccountAccess {
    private AccountAccess() {
    }

    /** BearerTokenFilter attaches it to every account request; without it, the request is not authenticated. */
    static Credential credentialOf(ContainerRequestContext request) {
        return Credential.of(request).orElseThrow(() -> new ProblemException(
                Problem.of(401, AuthFailure.MISSING.detail())));
    }

    static void requireAdmin(Credential credential) {
        if (!credential.isAdmin()) {
            throw new ProblemException(403, "Only an admin may do this");
        }
    }

    static void requireActingFor(Credential credential, int authorId) {
        if (!credential.mayActFor(authorId)) {
            throw new ProblemException(403, "An author may see and change only their own account and tokens");
        }
    }

    /** For paths: anything that cannot be an author's id names no author, a 404. */
    static int authorId(String raw) {
        return IntParameter.parseInRange(raw, 1, Integer.MAX_VALUE).orElseThrow(() -> noAuthor(raw));
    }

    static ProblemException noAuthor(Object id) {
        return ProblemException.notFound("There is no author with id " + id);
    }
}
