package com.example.posts.metrics;

import com.example.posts.author.AuthFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/** posts_auth_failures_total{reason}: requests refused for their token, by reason, each counter made up front. */
public final class AuthFailureCounts {
    private final Map<AuthFailure, Counter> counters = new EnumMap<>(AuthFailure.class);

    public AuthFailureCounts(MeterRegistry registry) {
        for (AuthFailure failure : AuthFailure.values()) {
            counters.put(failure, Counter.builder("posts.auth.failures")
                    .description("Requests refused for their bearer token (401), or for what it may do (403)")
                    .tag("reason", failure.reason())
                    .register(registry));
        }
    }

    public void count(AuthFailure failure) {
        counters.get(failure).increment();
    }
}
