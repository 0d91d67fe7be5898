package com.example.posts.support;

/** Which database server the tests would run against here: run in a JVM of its own by the fallback test. */
final class TestDatabaseChoice {
    private TestDatabaseChoice() {
    }

    public static void main(String[] args) {
        TestDatabaseServer server = TestDatabaseServers.start(System.getenv());
        System.out.println("chosen: " + server.description());
        System.exit(0);
    }
}
