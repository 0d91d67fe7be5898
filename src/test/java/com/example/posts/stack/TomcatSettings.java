package com.example.posts.stack;

import com.example.posts.config.DatabaseSettings;
import com.example.posts.support.TestToken;
import java.nio.file.Path;

/**
 * What a test's Tomcat runs with. {@link #of} gives what most tests want; the {@code with} methods change
 * one thing each, so a call site names only what is particular to it.
 *
 * @param conf           the directory holding its stock configuration (conf/ of a distribution)
 * @param manager        the Manager webapp's directory, or null for none
 * @param secondContext  a context path (no slashes) where a second copy of the WAR runs, or null
 * @param trustedProxies TRUSTED_PROXIES, the regex of proxy addresses whose X-Forwarded-* Tomcat believes
 * @param customization  applied last, once CATALINA_BASE and the environment are ready
 */
record TomcatSettings(Path home, Path conf, Path manager, Path base, Path war, String secondContext,
                      String address, String trustedProxies, DatabaseSettings database, String apiToken,
                      TomcatServer.Customization customization) {

    /** The distribution at {@code home} with its own conf/, the packaged WAR as ROOT, behind the tests' nginx. */
    static TomcatSettings of(Path home, Path base, DatabaseSettings database) {
        return new TomcatSettings(home, home.resolve("conf"), null, base, TestedStack.war(), null,
                TestedStack.APP_ADDRESS, "127[.]0[.]0[.]2", database, TestToken.VALUE, (dir, env) -> { });
    }

    TomcatSettings withConf(Path stockConf) {
        return new TomcatSettings(home, stockConf, manager, base, war, secondContext, address, trustedProxies,
                database, apiToken, customization);
    }

    TomcatSettings withManager(Path managerApp) {
        return new TomcatSettings(home, conf, managerApp, base, war, secondContext, address, trustedProxies,
                database, apiToken, customization);
    }

    TomcatSettings withSecondContext(String context) {
        return new TomcatSettings(home, conf, manager, base, war, context, address, trustedProxies,
                database, apiToken, customization);
    }

    /** Another WAR as ROOT: a previous release, as during a rolling deploy. */
    TomcatSettings withWar(Path otherWar) {
        return new TomcatSettings(home, conf, manager, base, otherWar, secondContext, address, trustedProxies,
                database, apiToken, customization);
    }

    TomcatSettings withCustomization(TomcatServer.Customization change) {
        return new TomcatSettings(home, conf, manager, base, war, secondContext, address, trustedProxies,
                database, apiToken, change);
    }
}
