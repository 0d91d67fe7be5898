package com.example.posts;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * One logging set-up: Jersey logs through java.util.logging, so its records are routed into SLF4J
 * (and Logback) with the rest, request id included. Uninstalled on undeploy so nothing is left behind.
 */
public final class LoggingBridge implements ServletContextListener {

    public static void install() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        install();
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        SLF4JBridgeHandler.uninstall();
    }
}
