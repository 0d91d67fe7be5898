package com.example.posts.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.server.ExtendedUriInfo;

/**
 * Times requests into {@link Metrics#HTTP_REQUESTS}, with the series jersey-micrometer's listener recorded
 * ({@link RequestSeries}). A filter pair instead of that listener: while any application event listener is
 * registered, Jersey builds an event for every stage of every request, and the listener added synchronized maps
 * and a {@code @Timed} lookup per request. Each series' Timer is registered once, then found in a map. The time
 * runs from the first request filter, so it includes authentication and routing, where the listener's began at
 * the match.
 */
@PreMatching
@Priority(RequestTimingFilter.PRIORITY)
public final class RequestTimingFilter implements ContainerRequestFilter, ContainerResponseFilter {
    /** First of the request filters and last of the response filters: the time covers them all, the status is final. */
    static final int PRIORITY = Integer.MIN_VALUE;
    private static final String STARTED = RequestTimingFilter.class.getName() + ".started";

    private final MeterRegistry registry;
    private final Clock clock;
    private final ConcurrentMap<RequestSeries, Timer> timers = new ConcurrentHashMap<>();

    public RequestTimingFilter(MeterRegistry registry) {
        this.registry = registry;
        this.clock = registry.config().clock();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, clock.monotonicTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        // Removed as it is read, so a response that Jersey filters twice is still timed once.
        if (!(request.getProperty(STARTED) instanceof Long started)) {
            return;
        }
        request.removeProperty(STARTED);
        // Jersey's UriInfo knows the matched templates and the exception that was mapped to this response.
        ExtendedUriInfo uriInfo = (ExtendedUriInfo) request.getUriInfo();
        if (RequestSeries.isTimed(uriInfo)) {
            RequestSeries series = RequestSeries.of(request.getMethod(), uriInfo, response.getStatus());
            timerOf(series).record(clock.monotonicTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private Timer timerOf(RequestSeries series) {
        Timer timer = timers.get(series);
        return timer != null ? timer : timers.computeIfAbsent(series,
                key -> Timer.builder(Metrics.HTTP_REQUESTS).tags(key.tags()).register(registry));
    }
}
