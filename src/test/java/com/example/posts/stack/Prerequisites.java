package com.example.posts.stack;

import org.junit.jupiter.api.Assumptions;

/**
 * Servers these tests need from the machine (nginx, Tomcat 10.1). On a developer machine a missing one
 * skips the tests with what to install; in CI (CI=true) it fails them, so nothing is skipped unseen.
 */
final class Prerequisites {
    private Prerequisites() {
    }

    static void require(boolean present, String whatToInstall) {
        if (present) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(whatToInstall + " (CI=true: required, not skipped)");
        }
        Assumptions.abort(whatToInstall);
    }
}
