package com.example.posts.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * An HTTP contract test: it runs in-process as a {@code *Test} and again, through {@link ContractIT}, against
 * the packaged WAR on Tomcat behind nginx, so each of its tests must hold wherever the service runs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(ApiTestCase.CONTRACT)
public @interface ContractTest {
}
