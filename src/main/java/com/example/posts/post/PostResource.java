package com.example.posts.post;

import com.example.posts.replica.ReadPoint;
import com.example.posts.web.Credential;
import com.example.posts.web.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

/** The posts API: list, read, create, replace, delete. */
@Path("posts")
@Produces(MediaType.APPLICATION_JSON)
public final class PostResource {
    private static final Logger LOG = LoggerFactory.getLogger(PostResource.class);
    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    private final PostRepository posts;
    private final Clock clock;

    public PostResource(PostRepository posts, Clock clock) {
        this.posts = posts;
        this.clock = clock;
    }

    @GET
    public PostPage list(@QueryParam("limit") String limitParam, @QueryParam("before") String beforeParam,
                         @Context UriInfo uri, @Context ContainerRequestContext request) {
        int limit = PageParameters.limit(limitParam, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        Optional<Integer> before = PageParameters.before(beforeParam);
        // One row more than asked tells whether there is a next page.
        List<Post> rows = posts.findNewest(before, limit + 1, ReadPoint.of(request));
        List<PostView> items = rows.stream().limit(limit).map(PostView::of).toList();
        String next = rows.size() > limit ? nextPage(uri, limit, items.get(items.size() - 1).id()) : null;
        return new PostPage(items, next);
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return PostReads.answer(posts, id, request);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(PostRequest body, @Context UriInfo uri, @Context ContainerRequestContext request) {
        PostRequest post = requireBody(body).validate();
        Credential credential = credentialOf(request);
        PostPermissions.requireMayWriteAs(credential, post.authorEmail());
        Optional<IdempotencyKey> key = IdempotencyKey.from(request.getHeaders().get(IdempotencyKey.HEADER));
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        CreatedPost created = key.isPresent()
                ? posts.createOnce(credential, key.get(), post, now)
                : CreatedPost.of(posts.create(post.content(), post.authorEmail(), now));
        LOG.info(created.replayed() ? "Answered a retry of the create of post {}" : "Created post {}", created.id());
        URI location = uri.getBaseUriBuilder().path("posts").path(Integer.toString(created.id())).build();
        return Response.created(location).tag(created.etag()).entity(created.view()).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(@PathParam("id") String id, PostRequest body,
                            @Context ContainerRequestContext request) {
        int postId = PostId.parse(id);
        PostRequest post = requireBody(body).validate();
        Credential credential = credentialOf(request);
        PostPermissions.requireMayWriteAs(credential, post.authorEmail());
        PostPreconditions preconditions = PostPreconditions.of(request);
        Post replaced = posts.replace(postId, post.content(), post.authorEmail(), current -> {
            PostPermissions.requireMayChange(credential, current);
            preconditions.requireCurrent(current);
        }).orElseThrow(() -> PostId.notFound(postId));
        LOG.info("Replaced post {}", postId);
        return Response.ok(PostView.of(replaced)).tag(PostPreconditions.etagOf(replaced)).build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @Context ContainerRequestContext request) {
        int postId = PostId.parse(id);
        Credential credential = credentialOf(request);
        PostPreconditions preconditions = PostPreconditions.of(request);
        boolean deleted = posts.delete(postId, current -> {
            PostPermissions.requireMayChange(credential, current);
            preconditions.requireCurrent(current);
        });
        if (!deleted) {
            throw PostId.notFound(postId);
        }
        LOG.info("Deleted post {}", postId);
        return Response.noContent().build();
    }

    /** Root-relative, so it stays under the context path the WAR is deployed at, whatever the host. */
    private static String nextPage(UriInfo uri, int limit, int before) {
        return UriBuilder.fromPath(uri.getBaseUri().getRawPath()).path("posts")
                .queryParam("limit", limit).queryParam("before", before).build().toString();
    }

    /** Every write that gets here passed the bearer-token filter, which attaches its credential. */
    private static Credential credentialOf(ContainerRequestContext request) {
        return Credential.of(request).orElseThrow(() -> new IllegalStateException(
                "A write reached the resource without the credential that BearerTokenFilter attaches"));
    }

    private static PostRequest requireBody(PostRequest body) {
        if (body == null) {
            throw ProblemException.invalid("A JSON object is required",
                    Map.of("content", "is required", "author_email", "is required"));
        }
        return body;
    }
}
