package com.example.posts.contract;

import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * The HTTP contract tests (tag {@code contract}), which run in-process as {@code *Test}, run again here by
 * failsafe against the packaged WAR on the stack that posts.stack names.
 */
@Suite
@SelectPackages("com.example.posts")
@IncludeClassNamePatterns(".*Test")
@IncludeTags(ApiTestCase.CONTRACT)
public class ContractIT {
}
