package com.example.posts.health;

import com.example.posts.replica.ReplicaNode;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * {@code /health}: the database (503 while it is unreachable) and the build version. With replicas, each
 * replica's state (a replica down or lagging leaves the service UP: the others or the primary serve its reads),
 * and DEGRADED (200) while the primary is down but a replica still answers reads; 503 only when neither can.
 * {@code /health/ready}: the same, and 503 STOPPING once the application's shutdown has begun. A server whose
 * primary is down stays ready: it still answers reads, and its writes answer 503 with Retry-After.
 * {@code /health/live}: liveness, the process serves; it never touches the database.
 */
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {
    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");

    private final DatabaseHealth database;
    private final List<ReplicaNode> replicas;
    private final Readiness readiness;
    private final String version;

    public HealthResource(DatabaseHealth database, Readiness readiness, String version) {
        this(database, List.of(), readiness, version);
    }

    public HealthResource(DatabaseHealth database, List<ReplicaNode> replicas, Readiness readiness, String version) {
        this.database = database;
        this.replicas = List.copyOf(replicas);
        this.readiness = readiness;
        this.version = version;
    }

    /** {@code database} is the primary's state; {@code replicas} is left out when there are none. */
    public record Status(String status, String database, String version,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ReplicaHealth> replicas) {
    }

    public record Liveness(String status) {
    }

    @GET
    public Response health() {
        boolean primaryUp = database.isUp();
        if (primaryUp) {
            return answer(Response.Status.OK, "UP", true);
        }
        boolean replicaServes = replicas.stream().anyMatch(node -> node.state() == ReplicaNode.State.UP);
        return replicaServes ? answer(Response.Status.OK, "DEGRADED", false)
                : answer(Response.Status.SERVICE_UNAVAILABLE, "DOWN", false);
    }

    @GET
    @Path("ready")
    public Response ready() {
        if (readiness.isStopping()) {
            return answer(Response.Status.SERVICE_UNAVAILABLE, "STOPPING", database.isUp());
        }
        return health();
    }

    private Response answer(Response.Status code, String status, boolean primaryUp) {
        return Response.status(code)
                .entity(new Status(status, primaryUp ? "UP" : "DOWN", version,
                        replicas.stream().map(ReplicaHealth::of).toList()))
                .cacheControl(NO_STORE)
                .build();
    }

    @GET
    @Path("live")
    public Response live() {
        return Response.ok(new Liveness("UP")).cacheControl(NO_STORE).build();
    }
}
