package com.example.posts.author;

import com.example.posts.web.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An author's tokens: that author, or an admin, creates, lists and revokes them. No answer but the creation holds a secret. */
@Path("authors/{id}/tokens")
@Produces(MediaType.APPLICATION_JSON)
public final class AuthorTokenResource {
    private static final Logger LOG = LoggerFactory.getLogger(AuthorTokenResource.class);

    private final AuthorRepository authors;
    private final AuthorTokens tokens;
    private final RecentTokens recentTokens;
    private final Clock clock;

    public AuthorTokenResource(AuthorRepository authors, AuthorTokens tokens, RecentTokens recentTokens, Clock clock) {
        this.authors = authors;
        this.tokens = tokens;
        this.recentTokens = recentTokens;
        this.clock = clock;
    }

    public record TokenList(List<TokenView> items) {
    }

    /** The one answer that holds the secret: never stored by any cache. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("id") String id, NewToken body, @Context UriInfo uri,
                           @Context ContainerRequestContext request) {
        int authorId = permitted(id, request);
        if (body == null) {
            throw ProblemException.invalid("A JSON object is required", Map.of("label", "is required"));
        }
        NewToken token = body.validate();
        AuthorTokens.Issued issued = tokens.issue(authorId, token.label(), token.lifetime(), now())
                .orElseThrow(() -> AccountAccess.noAuthor(authorId));
        LOG.info("Issued token {} to author {}", issued.token().id(), authorId);
        URI location = uri.getBaseUriBuilder().path("authors").path(Integer.toString(authorId)).path("tokens")
                .path(issued.token().id()).build();
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.created(location).cacheControl(noStore).entity(TokenView.issued(issued)).build();
    }

    @GET
    public TokenList list(@PathParam("id") String id, @Context ContainerRequestContext request) {
        int authorId = permitted(id, request);
        authors.find(authorId).orElseThrow(() -> AccountAccess.noAuthor(authorId));
        return new TokenList(tokens.list(authorId).stream().map(TokenView::of).toList());
    }

    @GET
    @Path("{tokenId}")
    public TokenView get(@PathParam("id") String id, @PathParam("tokenId") String tokenId,
                         @Context ContainerRequestContext request) {
        int authorId = permitted(id, request);
        requirePublicId(tokenId);
        return tokens.findWithAuthor(tokenId).filter(token -> token.author().id() == authorId)
                .map(TokenView::of).orElseThrow(() -> noToken(tokenId));
    }

    /** Refused by this server from the next request on, by the others within RecentTokens.KEPT_FOR; again: no change. */
    @DELETE
    @Path("{tokenId}")
    public Response revoke(@PathParam("id") String id, @PathParam("tokenId") String tokenId,
                           @Context ContainerRequestContext request) {
        int authorId = permitted(id, request);
        requirePublicId(tokenId);
        if (!tokens.revoke(authorId, tokenId, now())) {
            throw noToken(tokenId);
        }
        recentTokens.forget(tokenId);
        LOG.info("Revoked token {} of author {}", tokenId, authorId);
        return Response.noContent().build();
    }

    private static int permitted(String id, ContainerRequestContext request) {
        int authorId = AccountAccess.authorId(id);
        AccountAccess.requireActingFor(AccountAccess.credentialOf(request), authorId);
        return authorId;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }

    /** Anything else names no token: a 404, before the database is asked (the column is 12 ASCII characters). */
    private static void requirePublicId(String tokenId) {
        if (!AuthorTokenFormat.isPublicId(tokenId)) {
            throw noToken(tokenId);
        }
    }

    private static ProblemException noToken(String tokenId) {
        return ProblemException.notFound("This author has no token with id " + tokenId);
    }
}
