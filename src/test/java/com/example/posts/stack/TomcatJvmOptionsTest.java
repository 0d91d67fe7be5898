package com.example.posts.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.IndependentOfTestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options that docker/tomcat/setenv.sh gives Tomcat, for the Java that catalina.sh will run: the
 * parallel collector everywhere, and the AOT cache only where the JVM has the options (25 and later), used
 * when it exists and written when it does not.
 */
@IndependentOfTestDatabase
class TomcatJvmOptionsTest {
    @TempDir
    Path temp;

    @Test
    void everyJavaGetsTheParallelCollector() throws Exception {
        for (String version : new String[] {"17.0.13", "21.0.5", "25.0.3"}) {
            assertTrue(optionsOn(version, Map.of()).contains("-XX:+UseParallelGC"), version);
        }
    }

    @Test
    void aCollectorChosenInTheOptionsIsKeptAlone() throws Exception {
        String options = optionsOn("21.0.5", Map.of("CATALINA_OPTS", "-XX:+UseG1GC"));

        assertTrue(options.contains("-XX:+UseG1GC"), options);
        assertFalse(options.contains("-XX:+UseParallelGC"), options);
    }

    @Test
    void anEmptyCacheFileIsWrittenAgain() throws Exception {
        Path cache = Files.writeString(temp.resolve("posts.aot"), "");

        String options = optionsOn("25.0.3", Map.of("POSTS_AOT_CACHE", cache.toString()));

        assertTrue(options.contains(" -XX:AOTCacheOutput=" + cache), options);
    }

    @Test
    void java25WritesTheCacheWhenThereIsNone() throws Exception {
        Path cache = temp.resolve("posts.aot");

        String options = optionsOn("25.0.3", Map.of("POSTS_AOT_CACHE", cache.toString()));

        assertTrue(options.contains(" -XX:AOTCacheOutput=" + cache), options);
        assertFalse(options.contains("-XX:AOTCache="), options);
    }

    @Test
    void java25UsesTheCacheThatIsThere() throws Exception {
        Path cache = Files.writeString(temp.resolve("posts.aot"), "trained");

        String options = optionsOn("25.0.3", Map.of("POSTS_AOT_CACHE", cache.toString()));

        assertTrue(options.contains(" -XX:AOTCache=" + cache), options);
        assertFalse(options.contains("AOTCacheOutput"), options);
    }

    @Test
    void olderJavaGetsNoCacheOptionItWouldRefuse() throws Exception {
        Path cache = Files.writeString(temp.resolve("posts.aot"), "trained");

        for (String version : new String[] {"17.0.13", "21.0.5"}) {
            assertFalse(optionsOn(version, Map.of("POSTS_AOT_CACHE", cache.toString())).contains("-XX:AOT"), version);
        }
    }

    @Test
    void noCacheUnlessOneIsNamed() throws Exception {
        assertFalse(optionsOn("25.0.3", Map.of()).contains("-XX:AOT"));
    }

    /** CATALINA_OPTS after sourcing setenv.sh as catalina.sh does, with JAVA_HOME a JDK of that version. */
    private String optionsOn(String javaVersion, Map<String, String> settings) throws IOException, InterruptedException {
        Path javaHome = Files.createDirectories(temp.resolve("jdk-" + javaVersion));
        Files.writeString(javaHome.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + javaVersion + "\"\n");
        ProcessBuilder shell = new ProcessBuilder("sh", "-c", ". docker/tomcat/setenv.sh && printf '%s' \"$CATALINA_OPTS\"")
                .redirectErrorStream(true);
        shell.environment().remove("JRE_HOME");
        shell.environment().remove("CATALINA_OPTS");
        shell.environment().remove("JAVA_OPTS");
        shell.environment().remove("POSTS_AOT_CACHE");
        shell.environment().put("JAVA_HOME", javaHome.toString());
        shell.environment().putAll(settings);
        Process process = shell.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "setenv.sh did not finish");
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
