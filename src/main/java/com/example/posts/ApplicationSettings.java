package com.example.posts;

import com.example.posts.config.ApiToken;
import com.example.posts.config.BuildInfo;
import com.example.posts.config.LogFormat;
import com.example.posts.config.ReplicaSettings;
import com.example.posts.db.Database;
import com.example.posts.db.DatabaseSource;
import com.example.posts.health.Readiness;
import java.time.Clock;
import java.util.Map;

/**
 * What {@link PostsApplication} is built from: its database (and whether it owns it, see {@link DatabaseSource}),
 * the token that writes present, the version /health reports, the clock of created times, the readiness
 * that /health/ready reports, and how reads use the database's replicas, if it has any.
 */
public record ApplicationSettings(DatabaseSource database, ApiToken token, String version, Clock clock,
                                  Readiness readiness, ReplicaSettings replicas) {

    /** Without replicas. */
    public ApplicationSettings(DatabaseSource database, ApiToken token, String version, Clock clock,
                               Readiness readiness) {
        this(database, token, version, clock, readiness, ReplicaSettings.none());
    }

    /** As deployed: every setting read from the environment and checked before the database is touched. */
    public static ApplicationSettings fromEnvironment(Map<String, String> env) {
        LogFormat.check(env);
        return new ApplicationSettings(DatabaseSource.openedFrom(env), ApiToken.fromEnvironment(env),
                BuildInfo.version(), Clock.systemUTC(), new Readiness(), ReplicaSettings.fromEnvironment(env));
    }

    /** Serving from a database that the caller keeps open, with this build's version and the system clock. */
    public static ApplicationSettings servingFrom(Database database, ApiToken token) {
        return new ApplicationSettings(DatabaseSource.keptOpenBy(database), token, BuildInfo.version(),
                Clock.systemUTC(), new Readiness());
    }

    /** These settings, reading from the database's replicas (if it has any) as {@code replicaSettings} says. */
    public ApplicationSettings withReplicas(ReplicaSettings replicaSettings) {
        return new ApplicationSettings(database, token, version, clock, readiness, replicaSettings);
    }

    /** These settings, serving from a database that the caller opened and keeps open instead. */
    public ApplicationSettings keptOpen(Database openDatabase) {
        return new ApplicationSettings(DatabaseSource.keptOpenBy(openDatabase), token, version, clock, readiness,
                replicas);
    }
}
