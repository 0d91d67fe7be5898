package com.example.posts.dev;

import java.util.Map;

/**
 * What the dev run does in place of each listener and filter that web.xml wires (it serves on Grizzly, without
 * a servlet container). {@code WebXmlStandInsTest} holds this list to web.xml, so a listener or filter added
 * there must be accounted for here.
 */
final class WebXmlStandIns {
    static final Map<String, String> BY_CLASS = Map.of(
            "com.example.posts.LoggingBridge", "DevServer.main installs it",
            "com.example.posts.metrics.MetricsPortOnlyFilter",
            "none: the dev run has no metrics connector, and it listens on loopback only",
            "com.example.posts.metrics.MetricsAccessFilter",
            "none: the dev run listens on loopback only, which POSTS_METRICS_ALLOW's default allows, behind no proxy",
            "com.example.posts.web.AppPageFilter", "AppPageHandler serves /app/ with the same AppPageHeaders");

    private WebXmlStandIns() {
    }
}
