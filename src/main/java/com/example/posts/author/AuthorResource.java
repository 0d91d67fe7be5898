package com.example.posts.author;

import com.example.posts.web.Credential;
import com.example.posts.web.IntParameter;
import com.example.posts.web.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Accounts: an admin creates, lists and disables authors; an author reads their own. */
@Path("authors")
@Produces(MediaType.APPLICATION_JSON)
public final class AuthorResource {
    private static final Logger LOG = LoggerFactory.getLogger(AuthorResource.class);
    static final int DEFAULT_PAGE_SIZE = 100;

    private final AuthorRepository authors;
    private final RecentTokens recentTokens;
    private final Clock clock;

    public AuthorResource(AuthorRepository authors, RecentTokens recentTokens, Clock clock) {
        this.authors = authors;
        this.recentTokens = recentTokens;
        this.clock = clock;
    }

    /** One page of authors in id order; with {@code email}, only the author who has it. */
    public record AuthorPage(List<AuthorView> items, String next) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewAuthor body, @Context UriInfo uri, @Context ContainerRequestContext request) {
        AccountAccess.requireAdmin(AccountAccess.credentialOf(request));
        NewAuthor author = requireBody(body).validate();
        Author created = authors.create(author.email(), author.displayName(), author.role(), now());
        LOG.info("Created author {} ({})", created.id(), created.role().wireName());
        URI location = uri.getBaseUriBuilder().path("authors").path(Integer.toString(created.id())).build();
        return Response.created(location).entity(AuthorView.of(created)).build();
    }

    @GET
    public AuthorPage list(@QueryParam("email") String email, @QueryParam("limit") String limitParam,
                           @QueryParam("after") String afterParam, @Context UriInfo uri,
                           @Context ContainerRequestContext request) {
        AccountAccess.requireAdmin(AccountAccess.credentialOf(request));
        int limit = limitParam == null ? DEFAULT_PAGE_SIZE : IntParameter.parseInRange(limitParam, 1, DEFAULT_PAGE_SIZE)
                .orElseThrow(() -> invalidQuery("limit", "must be an integer from 1 to " + DEFAULT_PAGE_SIZE));
        Optional<Integer> after = Optional.ofNullable(afterParam).map(raw -> IntParameter
                .parseInRange(raw, 0, Integer.MAX_VALUE)
                .orElseThrow(() -> invalidQuery("after", "must be an author id, an integer from 0")));
        List<Author> rows = authors.list(Optional.ofNullable(email), after, limit + 1);
        List<AuthorView> items = rows.stream().limit(limit).map(AuthorView::of).toList();
        String next = rows.size() > limit ? nextPage(uri, limit, items.get(items.size() - 1).id()) : null;
        return new AuthorPage(items, next);
    }

    @GET
    @Path("{id}")
    public AuthorView get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        int authorId = AccountAccess.authorId(id);
        AccountAccess.requireActingFor(AccountAccess.credentialOf(request), authorId);
        return authors.find(authorId).map(AuthorView::of).orElseThrow(() -> AccountAccess.noAuthor(authorId));
    }

    /**
     * Every token of a disabled author is refused from the next request on by this server, within
     * RecentTokens.KEPT_FOR by the others; the last enabled admin stays.
     */
    @POST
    @Path("{id}/disable")
    public AuthorView disable(@PathParam("id") String id, @Context ContainerRequestContext request) {
        Credential credential = AccountAccess.credentialOf(request);
        AccountAccess.requireAdmin(credential);
        int authorId = AccountAccess.authorId(id);
        Author disabled = authors.disable(authorId, now()).orElseThrow(() -> AccountAccess.noAuthor(authorId));
        recentTokens.forgetAuthor(authorId);
        LOG.info("Disabled author {}", authorId);
        return AuthorView.of(disabled);
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }

    private static String nextPage(UriInfo uri, int limit, int after) {
        return UriBuilder.fromPath(uri.getBaseUri().getRawPath()).path("authors")
                .queryParam("limit", limit).queryParam("after", after).build().toString();
    }

    private static ProblemException invalidQuery(String parameter, String message) {
        return ProblemException.invalid("Invalid query parameter '" + parameter + "'", Map.of(parameter, message));
    }

    private static NewAuthor requireBody(NewAuthor body) {
        if (body == null) {
            throw ProblemException.invalid("A JSON object is required",
                    Map.of("email", "is required", "display_name", "is required"));
        }
        return body;
    }
}
