package com.example.posts.replica;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-your-writes across replicas. A write that succeeded answers with a consistency token, the primary's
 * position just after it, as the {@value #HEADER} header for API clients and the {@value #COOKIE} cookie
 * for the page. A request that brings one back (the header first) reads nothing older than that position.
 * Registered only when the service has replicas.
 */
@Priority(Priorities.USER)
public final class ConsistencyTokenFilter implements ContainerRequestFilter, ContainerResponseFilter {
    public static final String HEADER = "Consistency-Token";
    public static final String COOKIE = "posts_consistency";
    /** Far longer than a healthy replica lags; a replica further behind no longer serves reads anyway. */
    static final int COOKIE_SECONDS = 300;
    private static final Logger LOG = LoggerFactory.getLogger(ConsistencyTokenFilter.class);

    private final ConsistencyTokens tokens;
    private final ReplicationFlavour flavour;
    private final DataSource primary;
    private final ReplicaMetrics metrics;

    ConsistencyTokenFilter(ConsistencyTokens tokens, ReplicationFlavour flavour, DataSource primary,
                           ReplicaMetrics metrics) {
        this.tokens = tokens;
        this.flavour = flavour;
        this.primary = primary;
        this.metrics = metrics;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        tokenOf(request).ifPresent(token -> request.setProperty(ReadPoint.PROPERTY, pointOf(token)));
    }

    /** A token's read point: on the primary when it is not ours, or when replicas cannot wait for it. */
    private ReadPoint pointOf(String token) {
        Optional<String> position = tokens.verify(token);
        if (position.isEmpty()) {
            metrics.unverifiedToken();
            return ReadPoint.PRIMARY;
        }
        if (!flavour.waitsOnReplicas() || position.get().equals(ConsistencyTokens.PRIMARY)) {
            return ReadPoint.PRIMARY;
        }
        try {
            return ReadPoint.after(flavour.parse(position.get()));
        } catch (IllegalArgumentException anotherServersFormat) {
            return ReadPoint.PRIMARY;
        }
    }

    /**
     * A write that succeeded gets the primary's position; one whose position cannot be read, or whose outcome
     * is unknown (a 503: the client is told to read before it retries), a token that reads on the primary.
     */
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!isWrite(request.getMethod())) {
            return;
        }
        if (response.getStatusInfo().getFamily() == Response.Status.Family.SUCCESSFUL) {
            give(request, response, positionToken());
        } else if (response.getStatus() == Response.Status.SERVICE_UNAVAILABLE.getStatusCode()) {
            give(request, response, tokens.issueForPrimary());
        }
    }

    private String positionToken() {
        try {
            return tokens.issue(flavour.primaryPosition(primary));
        } catch (SQLException | RuntimeException e) {
            LOG.warn("The primary's position after a write is unknown ({}): its reads go to the primary",
                    e.getMessage());
            return tokens.issueForPrimary();
        }
    }

    private static void give(ContainerRequestContext request, ContainerResponseContext response, String token) {
        response.getHeaders().putSingle(HEADER, token);
        boolean https = "https".equals(request.getUriInfo().getRequestUri().getScheme());
        response.getHeaders().add(HttpHeaders.SET_COOKIE, new NewCookie.Builder(COOKIE).value(token).path("/")
                .maxAge(COOKIE_SECONDS).httpOnly(true).secure(https).sameSite(NewCookie.SameSite.LAX).build());
    }

    private static Optional<String> tokenOf(ContainerRequestContext request) {
        String header = request.getHeaderString(HEADER);
        if (header != null && !header.isBlank()) {
            return Optional.of(header.strip());
        }
        Cookie cookie = request.getCookies().get(COOKIE);
        return Optional.ofNullable(cookie).map(Cookie::getValue).filter(value -> !value.isBlank());
    }

    private static boolean isWrite(String method) {
        return switch (method) {
            case HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE -> true;
            default -> false;
        };
    }
}
