package com.example.posts.contract;

import com.example.posts.LoggingBridge;
import com.example.posts.config.BuildInfo;
import com.example.posts.stack.TestedStack;
import com.example.posts.support.StatementLeakTracker;
import com.example.posts.support.TestToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.test.JerseyTest;
import org.glassfish.jersey.test.TestProperties;
import org.glassfish.jersey.test.external.ExternalTestContainerFactory;
import org.glassfish.jersey.test.spi.TestContainerFactory;
import org.junit.jupiter.api.AfterEach;

/**
 * HTTP tests of the whole application in-process on Grizzly, on a free port, or, under failsafe, of the
 * packaged WAR: the client, its requests and what every test checks after itself. Which application, on which
 * database, is the subclass's: {@link ApiTestCase} serves from the shared test database.
 */
public abstract class HttpTestCase extends JerseyTest {
    public static final String TOKEN = TestToken.VALUE;
    /** What /health reports: the build's version, in-process as when deployed. */
    public static final String VERSION = BuildInfo.version();
    protected static final ObjectMapper JSON = new ObjectMapper();

    static {
        LoggingBridge.install();
    }

    /** Against a deployed stack (posts.stack set), the same tests go over real HTTP to it. */
    @Override
    protected TestContainerFactory getTestContainerFactory() {
        return TestedStack.current().isPresent() ? new ExternalTestContainerFactory() : super.getTestContainerFactory();
    }

    @Override
    protected URI getBaseUri() {
        return TestedStack.current().map(TestedStack::baseUri).orElseGet(super::getBaseUri);
    }

    /** Every response the tests receive is checked against the server's OpenAPI document. */
    @Override
    protected void configureClient(ClientConfig config) {
        config.register(new ContractCheckFilter());
    }

    @Override
    protected Application configure() {
        forceSet(TestProperties.CONTAINER_PORT, "0");
        return application();
    }

    /** The application under test, built for each test. */
    protected abstract Application application();

    /** The service's pool closes no statement for it (see StatementLeakTracker). */
    @AfterEach
    void noStatementLeftOpen() {
        StatementLeakTracker.assertNoneLeaked();
    }

    /** GET a URL relative to the server root, such as a list's {@code next} link. */
    protected Response get(String rootRelativeUrl) {
        return client().target(target().getUri().resolve(rootRelativeUrl)).request().get();
    }

    protected Invocation.Builder authorized(String path) {
        return as(TOKEN, path);
    }

    /** A request that presents this bearer token. */
    protected Invocation.Builder as(String token, String path) {
        return target(path).request().header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    }

    /** A new author, made by the service token (an admin); returns its id. */
    protected int createAuthor(String email, String displayName, String role) {
        Response response = authorized("authors").post(json("{\"email\":\"" + email + "\",\"display_name\":\""
                + displayName + "\",\"role\":\"" + role + "\"}"));
        JsonNode created = body(response);
        if (response.getStatus() != 201) {
            throw new AssertionError("creating author " + email + " answered " + response.getStatus() + ": " + created);
        }
        return created.get("id").asInt();
    }

    /** A new token of this author, issued through the service token; returns its text, secret included. */
    protected String issueToken(int authorId, String label) {
        Response response = authorized("authors/" + authorId + "/tokens").post(json("{\"label\":\"" + label + "\"}"));
        JsonNode issued = body(response);
        if (response.getStatus() != 201) {
            throw new AssertionError("issuing a token answered " + response.getStatus() + ": " + issued);
        }
        return issued.get("token").asText();
    }

    protected static Entity<String> json(String body) {
        return Entity.entity(body, MediaType.APPLICATION_JSON_TYPE);
    }

    protected static JsonNode body(Response response) {
        try {
            return JSON.readTree(response.readEntity(String.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
