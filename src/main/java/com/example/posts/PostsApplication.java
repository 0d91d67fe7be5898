package com.example.posts;

import com.example.posts.config.ApiToken;
import com.example.posts.config.BuildInfo;
import com.example.posts.config.LogFormat;
import com.example.posts.db.DataSourceLocator;
import com.example.posts.db.Database;
import com.example.posts.db.JdbcDriverCleanup;
import com.example.posts.docs.DocsResource;
import com.example.posts.docs.OpenApiResource;
import com.example.posts.greeting.RootResource;
import com.example.posts.health.DatabaseHealth;
import com.example.posts.health.HealthResource;
import com.example.posts.health.Readiness;
import com.example.posts.health.ShutdownHook;
import com.example.posts.metrics.Metrics;
import com.example.posts.metrics.MetricsResource;
import com.example.posts.post.LegacyPostResource;
import com.example.posts.post.PostRepository;
import com.example.posts.post.PostResource;
import com.example.posts.web.BearerTokenFilter;
import com.example.posts.web.JsonInputExceptionMapper;
import com.example.posts.web.JsonMapperProvider;
import com.example.posts.web.RequestBodyLimitFilter;
import com.example.posts.web.RequestIdFilter;
import com.example.posts.web.UnexpectedExceptionMapper;
import com.example.posts.web.WebApplicationExceptionMapper;
import java.time.Clock;
import java.util.Map;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.micrometer.server.DefaultJerseyTagsProvider;
import org.glassfish.jersey.micrometer.server.MetricsApplicationEventListener;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.spi.AbstractContainerLifecycleListener;
import org.glassfish.jersey.server.spi.Container;

/** The one place that wires configuration, database and resources together. */
public class PostsApplication extends ResourceConfig {

    /** The servlet container's entry point: settings from JNDI or the environment; owns the database. */
    public PostsApplication() {
        this(System.getenv());
    }

    private PostsApplication(Map<String, String> env) {
        this(checkedToken(env), openDatabase(env));
    }

    /** Every setting but the database's, checked before the database is touched. */
    private static ApiToken checkedToken(Map<String, String> env) {
        LogFormat.check(env);
        return ApiToken.fromEnvironment(env);
    }

    /** A start that fails once the JDBC driver is loaded undoes that too, as an undeploy would. */
    private static Database openDatabase(Map<String, String> env) {
        try {
            return DataSourceLocator.openDatabase(env);
        } catch (RuntimeException e) {
            JdbcDriverCleanup.run();
            throw e;
        }
    }

    /** A start that fails once the database is open closes it again, as an undeploy would. */
    private PostsApplication(ApiToken token, Database database) {
        Readiness readiness = new Readiness();
        Metrics metrics;
        try {
            metrics = wire(database, token, BuildInfo.version(), Clock.systemUTC(), readiness);
        } catch (RuntimeException e) {
            release(database);
            throw e;
        }
        ShutdownHook hook = ShutdownHook.marking(readiness);
        // One listener for all: Jersey keeps a single registration per listener class.
        register(new OnShutdown(readiness, () -> {
            try {
                hook.remove();
                close(metrics);
            } finally {
                release(database);
            }
        }));
    }

    /** Serves with a database that the caller owns and closes. */
    public PostsApplication(Database database, ApiToken token, String version, Clock clock) {
        this(database, token, version, clock, new Readiness());
    }

    /** As above, with the readiness that the caller watches. */
    public PostsApplication(Database database, ApiToken token, String version, Clock clock, Readiness readiness) {
        Metrics metrics = wire(database, token, version, clock, readiness);
        register(new OnShutdown(readiness, () -> close(metrics)));
    }

    /** Registers everything; the metrics it starts are the caller's to close, or closed here if it fails. */
    private Metrics wire(Database database, ApiToken token, String version, Clock clock, Readiness readiness) {
        Metrics metrics = Metrics.start(database.sessionFactory(), database.dataSource(), version);
        try {
            wireResources(database, token, version, clock, metrics, readiness);
            return metrics;
        } catch (RuntimeException e) {
            close(metrics);
            throw e;
        }
    }

    private void wireResources(Database database, ApiToken token, String version, Clock clock, Metrics metrics,
                               Readiness readiness) {
        PostRepository posts = new PostRepository(database.sessionFactory());
        register(RootResource.class);
        register(new PostResource(posts, clock));
        register(new LegacyPostResource(posts));
        register(new HealthResource(new DatabaseHealth(database.healthDataSource()), readiness, version));
        register(new MetricsResource(metrics));
        register(OpenApiResource.fromClasspath());
        register(DocsResource.fromClasspath());

        register(JacksonFeature.withoutExceptionMappers());
        register(JsonMapperProvider.class);
        register(RequestIdFilter.class);
        register(new BearerTokenFilter(token));
        register(RequestBodyLimitFilter.class);
        register(WebApplicationExceptionMapper.class);
        register(JsonInputExceptionMapper.class);
        register(UnexpectedExceptionMapper.class);
        // Requests by route template, method and status, timed (Jersey's own Micrometer module).
        register(new MetricsApplicationEventListener(metrics.registry(), new DefaultJerseyTagsProvider(),
                Metrics.HTTP_REQUESTS, true));

        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        // Our error responses carry their own bodies; never let the servlet container swap in its HTML page.
        property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    }

    /** Closes what the application started (its metrics), whoever owns the database. */
    private static void close(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not close " + resource, e);
        }
    }

    /** For a database the application owns: close the SessionFactory and pool, then undo loading the driver. */
    private static void release(Database database) {
        try {
            database.close();
        } finally {
            JdbcDriverCleanup.run();
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
