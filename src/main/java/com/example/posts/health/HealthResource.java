package com.example.posts.health;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /health}: the database (503 while it is unreachable) and the build version.
 * {@code /health/ready}: the same, and 503 STOPPING once the application's shutdown has begun.
 * {@code /health/live}: liveness, the process serves; it never touches the database.
 */
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {
    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");

    private final DatabaseHealth database;
    private final Readiness readiness;
    private final String version;

    public HealthResource(DatabaseHealth database, Readiness readiness, String version) {
        this.database = database;
        this.readiness = readiness;
        this.version = version;
    }

    public record Status(String status, String database, String version) {
    }

    public record Liveness(String status) {
    }

    @GET
    public Response health() {
        boolean up = database.isUp();
        return answer(up ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE, up ? "UP" : "DOWN", up);
    }

    @GET
    @Path("ready")
    public Response ready() {
        if (readiness.isStopping()) {
            return answer(Response.Status.SERVICE_UNAVAILABLE, "STOPPING", database.isUp());
        }
        return health();
    }

    private Response answer(Response.Status code, String status, boolean databaseUp) {
        return Response.status(code)
                .entity(new Status(status, databaseUp ? "UP" : "DOWN", version))
                .cacheControl(NO_STORE)
                .build();
    }

    @GET
    @Path("live")
    public Response live() {
        return Response.ok(new Liveness("UP")).cacheControl(NO_STORE).build();
    }
}
