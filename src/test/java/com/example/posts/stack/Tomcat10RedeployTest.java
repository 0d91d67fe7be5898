package com.example.posts.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The WAR on an existing Tomcat 10.1 farm: redeployed again and again, it leaves nothing behind. */
@Tag("tomcat10")
class Tomcat10RedeployTest {
    private static final int REDEPLOYS = 5;
    private static final List<String> LEAK_WARNINGS = List.of("memory leak", "appears to have started a thread",
            "ThreadLocal with key", "failed to stop it", "failed to unregister it");

    @Test
    void undeployAndRedeployFiveTimesLeavesNoLeak() throws Exception {
        TomcatServer tomcat = TestedStack.current().orElseThrow().tomcat();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        for (int i = 0; i < REDEPLOYS; i++) {
            String undeployed = tomcat.manager("undeploy?path=/");
            assertTrue(undeployed.startsWith("OK"), "undeploy " + i + ": " + undeployed);
            String deployed = tomcat.manager("deploy?path=/&war=file:" + TestedStack.WAR);
            assertTrue(deployed.startsWith("OK"), "deploy " + i + ": " + deployed);
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(tomcat.uri().resolve("health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
        }

        String log = tomcat.serverLog();
        for (String warning : LEAK_WARNINGS) {
            assertFalse(log.contains(warning), "Tomcat logged '" + warning + "':\n" + log);
        }

        Prerequisites.require(TomcatServer.javaFeatureVersion() >= 18, "findleaks needs Tomcat on Java 18 or newer: "
                + "on 17 the JDK's MethodHandle cache holds one undeployed copy (JDK-8078641); set TOMCAT_JAVA_HOME");
        // findleaks runs a full GC first; an instance still being finalised may need a second one.
        String leaks = tomcat.manager("findleaks?statusLine=true");
        for (int attempt = 0; attempt < 2 && !leaks.startsWith("OK - No memory leaks found"); attempt++) {
            leaks = tomcat.manager("findleaks?statusLine=true");
        }
        assertTrue(leaks.startsWith("OK - No memory leaks found"), leaks);
    }
}
