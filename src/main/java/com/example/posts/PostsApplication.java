package com.example.posts;

import com.example.posts.author.AuthorRepository;
import com.example.posts.author.AuthorResource;
import com.example.posts.author.AuthorTokenResource;
import com.example.posts.author.AuthorTokens;
import com.example.posts.author.MeResource;
import com.example.posts.author.RecentTokens;
import com.example.posts.author.TokenAuthentication;
import com.example.posts.config.ApiToken;
import com.example.posts.config.ConfigurationException;
import com.example.posts.db.Database;
import com.example.posts.db.DatabaseSource;
import com.example.posts.docs.DocsResource;
import com.example.posts.docs.OpenApiResource;
import com.example.posts.greeting.RootResource;
import com.example.posts.health.DatabaseHealth;
import com.example.posts.health.HealthResource;
import com.example.posts.health.Readiness;
import com.example.posts.health.ShutdownHook;
import com.example.posts.metrics.AuthFailureCounts;
import com.example.posts.metrics.Metrics;
import com.example.posts.metrics.MetricsResource;
import com.example.posts.metrics.RequestTimingFilter;
import com.example.posts.post.LegacyPostResource;
import com.example.posts.post.PostRepository;
import com.example.posts.post.PostResource;
import com.example.posts.replica.ReadReplicas;
import com.example.posts.web.BearerTokenFilter;
import com.example.posts.web.JsonInputExceptionMapper;
import com.example.posts.web.JsonMapperProvider;
import com.example.posts.web.RequestBodyLimitFilter;
import com.example.posts.web.RequestIdFilter;
import com.example.posts.web.UnexpectedExceptionMapper;
import com.example.posts.web.WebApplicationExceptionMapper;
import java.time.Clock;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.spi.AbstractContainerLifecycleListener;
import org.glassfish.jersey.server.spi.Container;

/**
 * The one place that wires configuration, database and resources together. Servlet-level wiring (the logging
 * listener, the metrics filters, the browser page's filter and servlet) is web.xml's, and only there.
 */
public class PostsApplication extends ResourceConfig {

    /** The servlet container's entry point: settings from JNDI or the environment; owns the database. */
    public PostsApplication() {
        this(ApplicationSettings.fromEnvironment(System.getenv()));
    }

    /**
     * A start that fails once the database is open releases it again (if it is ours), as an undeploy would.
     * On shutdown: not ready first, then the clean-up.
     */
    public PostsApplication(ApplicationSettings settings) {
        DatabaseSource source = settings.database();
        Database database = source.open();
        Readiness readiness = settings.readiness();
        Started started;
        try {
            started = wire(database, settings, readiness);
        } catch (RuntimeException e) {
            source.release(database);
            throw e;
        }
        ShutdownHook hook = ShutdownHook.marking(readiness);
        // One listener for all: Jersey keeps a single registration per listener class.
        register(new OnShutdown(readiness, () -> {
            try {
                hook.remove();
                close(started.replicas());
                close(started.metrics());
            } finally {
                source.release(database);
            }
        }));
    }

    /** What the application starts besides its resources, and closes when it stops. */
    private record Started(Metrics metrics, ReadReplicas replicas) {
    }

    /** Registers everything; what it starts is the caller's to close, or closed here if it fails. */
    private Started wire(Database database, ApplicationSettings settings, Readiness readiness) {
        Metrics metrics = Metrics.start(database.sessionFactory(), database.dataSource(), settings.version());
        ReadReplicas replicas = null;
        try {
            replicas = ReadReplicas.open(database, settings.replicas(), metrics.registry(), settings.clock());
            wireResources(database, replicas, settings.token(), settings.version(), settings.clock(), metrics,
                    readiness);
            return new Started(metrics, replicas);
        } catch (RuntimeException e) {
            if (replicas != null) {
                close(replicas);
            }
            close(metrics);
            throw e;
        }
    }

    private void wireResources(Database database, ReadReplicas replicas, ApiToken token, String version,
                               Clock clock, Metrics metrics, Readiness readiness) {
        PostRepository posts = new PostRepository(database.sessionFactory(), replicas.routing());
        AuthorRepository authors = new AuthorRepository(database.sessionFactory());
        AuthorTokens tokens = new AuthorTokens(database.sessionFactory());
        RecentTokens recentTokens = new RecentTokens();
        requireSomeAdmin(token, authors);
        register(RootResource.class);
        register(new PostResource(posts, clock));
        register(new AuthorResource(authors, recentTokens, clock));
        register(new AuthorTokenResource(authors, tokens, recentTokens, clock));
        register(new MeResource(tokens));
        register(new LegacyPostResource(posts));
        register(new HealthResource(new DatabaseHealth(database.healthDataSource()), replicas.nodes(), readiness,
                version));
        register(new MetricsResource(metrics));
        register(OpenApiResource.fromClasspath());
        register(DocsResource.fromClasspath());

        register(JacksonFeature.withoutExceptionMappers());
        register(JsonMapperProvider.class);
        register(RequestIdFilter.class);
        register(new BearerTokenFilter(token, new TokenAuthentication(token, tokens, recentTokens, clock),
                new AuthFailureCounts(metrics.registry())));
        register(RequestBodyLimitFilter.class);
        replicas.tokenFilter().ifPresent(this::register);
        register(WebApplicationExceptionMapper.class);
        register(JsonInputExceptionMapper.class);
        register(UnexpectedExceptionMapper.class);
        // Requests by route template, method and status, timed. No application event listener: with one, Jersey
        // builds an event for every stage of every request.
        register(new RequestTimingFilter(metrics.registry()));

        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        // Our error responses carry their own bodies; never let the servlet container swap in its HTML page.
        property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    }

    /** Without POSTS_API_TOKEN, someone must be able to administer the service: an enabled admin. */
    private static void requireSomeAdmin(ApiToken token, AuthorRepository authors) {
        if (!token.isConfigured() && !token.isReadOnly() && !authors.hasEnabledAdmin()) {
            throw new ConfigurationException(ApiToken.notSetAndNoAdmin());
        }
    }

    /** Closes what the application started (its metrics), whoever owns the database. */
    private static void close(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not close " + resource, e);
        }
    }

    /**
     * When the container stops the application (on undeploy): first no longer ready, then the clean-up.
     * The container calls this once the requests in flight have finished (Tomcat waits up to the context's
     * unloadDelay for them).
     */
    private static final class OnShutdown extends AbstractContainerLifecycleListener {
        private final Readiness readiness;
        private final Runnable cleanUp;

        OnShutdown(Readiness readiness, Runnable cleanUp) {
            this.readiness = readiness;
            this.cleanUp = cleanUp;
        }

        @Override
        public void onShutdown(Container container) {
            readiness.beginShutdown();
            cleanUp.run();
        }
    }
}
