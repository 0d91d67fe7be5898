package com.example.posts.health;

import com.example.posts.replica.ReplicaNode;
import com.fasterxml.jackson.annotation.JsonInclude;

/** One replica as /health reports it: UP, LAGGING or DOWN, and its lag in seconds when known. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplicaHealth(String name, String status, Double lagSeconds) {
    static ReplicaHealth of(ReplicaNode node) {
        return new ReplicaHealth(node.name(), node.state().name(),
                node.lag().map(lag -> Math.round(lag.toMillis() / 100.0) / 10.0).orElse(null));
    }
}
