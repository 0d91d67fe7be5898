package com.example.posts.author;

import com.example.posts.web.Credential;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** GET /me: whom the presented token belongs to. The service token is an admin with no author record. */
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
public final class MeResource {
    private final AuthorTokens tokens;

    public MeResource(AuthorTokens tokens) {
        this.tokens = tokens;
    }

    public record Me(Role role, AuthorView author, TokenView token) {
    }

    @GET
    public Me get(@Context ContainerRequestContext request) {
        Credential credential = AccountAccess.credentialOf(request);
        return credential.tokenId()
                .flatMap(tokens::findWithAuthor)
                .map(token -> new Me(credential.role(), AuthorView.of(token.author()), TokenView.of(token)))
                .orElseGet(() -> new Me(credential.role(), null, null));
    }
}
