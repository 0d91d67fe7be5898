package com.example.posts.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test class starts from the shared test database reset: by default before each test, with the standard
 * fixtures loaded. The reset runs before the class's own {@code @BeforeAll} or {@code @BeforeEach} methods.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DatabaseResetExtension.class)
public @interface ResetDatabase {
    /** When to reset. */
    Before value() default Before.EACH_TEST;

    /** Whether to load fixtures/posts.csv after emptying the tables. */
    boolean fixtures() default true;

    enum Before {
        EACH_TEST,
        /** Once for the class: its tests share what each leaves behind. */
        ALL_TESTS
    }
}
