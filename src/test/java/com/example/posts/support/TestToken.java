package com.example.posts.support;

/** The API token every test server is started with, in-process or deployed. */
public final class TestToken {
    public static final String VALUE = "test-token-WftfFEJzQPUm5WONuqMsFx9SKHNintRTTlD4RAVN";

    private TestToken() {
    }
}
