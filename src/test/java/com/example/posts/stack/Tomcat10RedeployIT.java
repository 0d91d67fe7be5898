package com.example.posts.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.TcpProxy;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The WAR on an existing Tomcat 10.1 farm: redeployed again and again, it leaves nothing behind. */
class Tomcat10RedeployIT {
    private static final int REDEPLOYS = 5;
    private static final List<String> LEAK_WARNINGS = List.of("memory leak", "appears to have started a thread",
            "ThreadLocal with key", "failed to stop it", "failed to unregister it");

    @Test
    void aStartWithoutItsDatabaseFailsLeavingNothingBehindAndARedeployAfterwardsStarts() throws Exception {
        TestedStack stack = TestedStack.current().orElseThrow();
        TomcatServer tomcat = stack.tomcat();
        TcpProxy database = stack.databaseLink().orElseThrow();
        int logBefore = tomcat.serverLog().length();

        database.cut();
        String failed;
        try {
            failed = tomcat.manager("deploy?path=/&update=true&war=file:" + TestedStack.war());
        } finally {
            database.restore();
        }
        String logOfTheFailure = tomcat.serverLog().substring(logBefore);
        String deployed = tomcat.manager("deploy?path=/&update=true&war=file:" + TestedStack.war());

        assertTrue(failed.startsWith("FAIL"), failed);
        assertNoLeakWarning(logOfTheFailure);
        assertTrue(deployed.startsWith("OK"), deployed);
        assertEquals(200, health(tomcat).statusCode());
    }

    @Test
    void undeployAndRedeployFiveTimesLeavesNoLeak() throws Exception {
        TomcatServer tomcat = TestedStack.current().orElseThrow().tomcat();

        for (int i = 0; i < REDEPLOYS; i++) {
            String undeployed = tomcat.manager("undeploy?path=/");
            assertTrue(undeployed.startsWith("OK"), "undeploy " + i + ": " + undeployed);
            String deployed = tomcat.manager("deploy?path=/&war=file:" + TestedStack.war());
            assertTrue(deployed.startsWith("OK"), "deploy " + i + ": " + deployed);
            HttpResponse<String> health = health(tomcat);
            assertEquals(200, health.statusCode(), health.body());
        }

        assertNoLeakWarning(tomcat.serverLog());

        Prerequisites.require(TomcatServer.javaFeatureVersion() >= 18, "findleaks needs Tomcat on Java 18 or newer: "
                + "on 17 the JDK's MethodHandle cache holds one undeployed copy (JDK-8078641); set TOMCAT_JAVA_HOME");
        // findleaks runs a full GC first; an instance still being finalised may need a second one.
        String leaks = tomcat.manager("findleaks?statusLine=true");
        for (int attempt = 0; attempt < 2 && !leaks.startsWith("OK - No memory leaks found"); attempt++) {
            leaks = tomcat.manager("findleaks?statusLine=true");
        }
        assertTrue(leaks.startsWith("OK - No memory leaks found"), leaks);
    }

    private static HttpResponse<String> health(TomcatServer tomcat) {
        return Farm.get(tomcat.uri().resolve("health"));
    }

    /**
     * No leak warning about anything of ours. Tomcat's own utility thread is left out: it runs the context's
     * background work with the application's class loader, and an undeploy that meets it there is warned
     * about, though the thread is Tomcat's and lives on.
     */
    private static void assertNoLeakWarning(String log) {
        for (String line : log.lines().filter(line -> !line.contains("[Catalina-utility-")).toList()) {
            for (String warning : LEAK_WARNINGS) {
                assertFalse(line.contains(warning), "Tomcat logged '" + warning + "':\n" + log);
            }
        }
    }
}
