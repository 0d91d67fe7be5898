package com.example.posts.dev;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

/**
 * Logs as the WAR does (POSTS_LOG_FORMAT, POSTS_LOG_LEVEL): the dev run's classpath holds the tests'
 * logback-test.xml, which Logback would prefer, so it is configured from the application's logback.xml.
 */
final class ApplicationLogging {
    private ApplicationLogging() {
    }

    static void configure() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(ApplicationLogging.class.getResource("/logback.xml"));
        } catch (JoranException e) {
            throw new IllegalStateException("Cannot read the application's logback.xml: " + e.getMessage(), e);
        }
    }
}
