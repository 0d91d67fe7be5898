package com.example.posts.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Records what is logged while it is open, at the levels given, from any library that logs through SLF4J. */
public final class LogCapture implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger[] raised;
    private final Level[] previous;

    /** @param debugLoggers loggers to open at DEBUG while capturing */
    public LogCapture(String... debugLoggers) {
        raised = new Logger[debugLoggers.length];
        previous = new Level[debugLoggers.length];
        for (int i = 0; i < debugLoggers.length; i++) {
            raised[i] = (Logger) LoggerFactory.getLogger(debugLoggers[i]);
            previous[i] = raised[i].getLevel();
            raised[i].setLevel(Level.DEBUG);
        }
        appender.start();
        root.addAppender(appender);
    }

    public List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        for (int i = 0; i < raised.length; i++) {
            raised[i].setLevel(previous[i]);
        }
    }
}
