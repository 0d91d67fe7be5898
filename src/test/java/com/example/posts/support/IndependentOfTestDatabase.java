package com.example.posts.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class whose outcome does not depend on TEST_DB: it starts a database server of its own, or none, and
 * never touches {@link TestDatabase}. The runs that repeat the database tests on another server (CI's
 * Testcontainers phase, ci/test-on-mysql.sh) leave it out; {@code IndependentOfTestDatabaseTest} holds the
 * classes to that.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(IndependentOfTestDatabase.TAG)
public @interface IndependentOfTestDatabase {
    String TAG = "independent-of-test-database";
}
