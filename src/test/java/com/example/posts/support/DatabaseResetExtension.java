package com.example.posts.support;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Resets the shared test database when the class's {@link ResetDatabase} says, and fails a test that left a
 * statement open ({@link StatementLeakTracker}).
 */
final class DatabaseResetExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        resetIf(ResetDatabase.Before.ALL_TESTS, context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        resetIf(ResetDatabase.Before.EACH_TEST, context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        StatementLeakTracker.assertNoneLeaked();
    }

    private static void resetIf(ResetDatabase.Before moment, ExtensionContext context) {
        ResetDatabase reset = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), ResetDatabase.class)
                .orElseThrow();
        if (reset.value() != moment) {
            return;
        }
        if (reset.fixtures()) {
            TestDatabase.shared().resetWithFixtures();
        } else {
            TestDatabase.shared().reset();
        }
    }
}
