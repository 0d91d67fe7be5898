package com.example.posts.stack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.IndependentOfTestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * nginx must close an idle upstream connection before Tomcat does: otherwise a request sent on it as Tomcat
 * closes it fails with a 502. Waiting a minute to watch that happen is no test, so the two settings are read.
 */
@IndependentOfTestDatabase
class KeepAliveTimeoutsTest {

    @Test
    void nginxClosesIdleUpstreamConnectionsBeforeTomcatDoes() throws IOException {
        String nginx = Files.readString(Path.of("nginx/templates/posts.conf.template"));
        String tomcat = Files.readString(Path.of("docker/tomcat/server.xml"));
        // Inside the upstream block: anything but its closing brace, settings such as ${POSTS_UPSTREAM} included.
        Matcher upstream = Pattern.compile("upstream posts_app \\{(?:[^}]|\\$\\{\\w+})*?keepalive_timeout (\\d+)s;")
                .matcher(nginx);
        Matcher connector = Pattern.compile("<Connector [^>]*keepAliveTimeout=\"(\\d+)\"").matcher(tomcat);
        assertTrue(upstream.find(), "the upstream block sets keepalive_timeout in seconds");
        assertTrue(connector.find(), "the connector sets keepAliveTimeout");

        long nginxMillis = Long.parseLong(upstream.group(1)) * 1000;
        long tomcatMillis = Long.parseLong(connector.group(1));

        // A second of margin for a request already on its way.
        assertTrue(nginxMillis + 1000 <= tomcatMillis, "nginx " + nginxMillis + " ms, Tomcat " + tomcatMillis + " ms");
    }
}
