package com.example.posts.config;

import java.util.Map;

/** POSTS_LOG_FORMAT: "text" (the default) or "json"; logback.xml picks its appender by this name. */
public final class LogFormat {
    public static final String VARIABLE = "POSTS_LOG_FORMAT";

    private LogFormat() {
    }

    /** Logback would quietly log nothing for an unknown name; refuse to start instead. */
    public static void check(Map<String, String> env) {
        String format = env.get(VARIABLE);
        if (format != null && !format.equals("text") && !format.equals("json")) {
            throw new ConfigurationException(VARIABLE + " must be text or json, not '" + format + "'");
        }
    }
}
