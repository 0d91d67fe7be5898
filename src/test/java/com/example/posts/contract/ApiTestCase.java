package com.example.posts.contract;

import com.example.posts.ApplicationSettings;
import com.example.posts.PostsApplication;
import com.example.posts.config.ApiToken;
import com.example.posts.support.ConsistencyTokenCarrier;
import com.example.posts.support.TestDatabase;
import jakarta.ws.rs.core.Application;
import org.glassfish.jersey.client.ClientConfig;
import org.junit.jupiter.api.BeforeEach;

/**
 * The HTTP contract tests' base: the application on the shared test database, reset to the CSV fixtures
 * before each test. With posts.test.replicas that database is a primary with a replica, and each test's
 * client carries its consistency token.
 */
public abstract class ApiTestCase extends HttpTestCase {
    /** The tag of the tests that run both in-process and against the packaged WAR (see {@link ContractIT}). */
    public static final String CONTRACT = "contract";

    @Override
    protected void configureClient(ClientConfig config) {
        super.configureClient(config);
        if (TestDatabase.onReplicas()) {
            // As a browser carries the cookie: each client reads its own writes.
            config.register(new ConsistencyTokenCarrier());
        }
    }

    /** The application under test; outage tests give it their own database. */
    @Override
    protected Application application() {
        TestDatabase database = TestDatabase.shared();
        return new PostsApplication(ApplicationSettings.servingFrom(database.database(), ApiToken.of(TOKEN))
                .withReplicas(database.replicaSettings()));
    }

    @BeforeEach
    void resetDatabase() {
        TestDatabase.shared().resetWithFixtures();
    }
}
