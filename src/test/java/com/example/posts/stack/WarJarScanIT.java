package com.example.posts.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * The WAR's META-INF/context.xml has Tomcat read no jar of WEB-INF/lib for annotations, web fragments, tag
 * libraries or META-INF/resources (for fast deploys). This holds that the jars need none of it: a dependency
 * that brings a web fragment, a tag library, a container initializer not reviewed here, or files to be
 * served from META-INF/resources fails here instead of being silently ignored on every Tomcat.
 */
class WarJarScanIT {
    private static final String INITIALIZER = "META-INF/services/jakarta.servlet.ServletContainerInitializer";
    /**
     * The jars whose container initializer runs, each reviewed: it needs no class found in a jar. Jersey's
     * looks for the application class, which is in WEB-INF/classes and named by web.xml; Logback's has none.
     */
    private static final List<String> REVIEWED_INITIALIZERS = List.of("jersey-container-servlet-", "logback-classic-");
    /** Jars with META-INF/resources that nothing serves from there: Swagger UI is read from the class path. */
    private static final List<String> RESOURCES_READ_FROM_THE_CLASS_PATH = List.of("swagger-ui-");

    @Test
    void theScanIsOffForEveryJar() throws IOException {
        String contextXml = new String(read(WarVariants.CONTEXT_XML), StandardCharsets.UTF_8);

        assertTrue(contextXml.contains("<JarScanFilter defaultTldScan=\"false\" defaultPluggabilityScan=\"false\"/>"),
                contextXml);
    }

    @Test
    void noJarHasAWebFragmentOrATagLibrary() throws IOException {
        assertEquals(Map.of(), jarsHolding(name -> name.equals("META-INF/web-fragment.xml") || name.endsWith(".tld")));
    }

    @Test
    void onlyReviewedJarsHaveAContainerInitializer() throws IOException {
        Map<String, List<String>> initializers = jarsHolding(INITIALIZER::equals);

        assertEquals(REVIEWED_INITIALIZERS.size(), initializers.size(), initializers.keySet().toString());
        initializers.keySet().forEach(jar -> assertTrue(startsWithOneOf(jar, REVIEWED_INITIALIZERS),
                jar + " brings a container initializer: check that it needs nothing from the jars, then add it"));
    }

    @Test
    void onlyJarsReadFromTheClassPathHaveMetaInfResources() throws IOException {
        Map<String, List<String>> withResources = jarsHolding(name -> name.startsWith("META-INF/resources/"));

        withResources.keySet().forEach(jar -> assertTrue(startsWithOneOf(jar, RESOURCES_READ_FROM_THE_CLASS_PATH),
                jar + " has META-INF/resources, which Tomcat does not serve from this WAR's jars"));
    }

    /** Each jar of WEB-INF/lib, by file name, with its entries that {@code wanted} accepts, if any. */
    private static Map<String, List<String>> jarsHolding(Predicate<String> wanted) throws IOException {
        Map<String, List<String>> found = new TreeMap<>();
        int jars = 0;
        try (ZipFile war = new ZipFile(TestedStack.war().toFile())) {
            for (ZipEntry entry : war.stream().filter(e -> e.getName().matches("WEB-INF/lib/[^/]+\\.jar")).toList()) {
                jars++;
                try (InputStream bytes = war.getInputStream(entry);
                        ZipInputStream jar = new ZipInputStream(new ByteArrayInputStream(bytes.readAllBytes()))) {
                    for (ZipEntry inner = jar.getNextEntry(); inner != null; inner = jar.getNextEntry()) {
                        if (wanted.test(inner.getName())) {
                            found.computeIfAbsent(entry.getName().substring("WEB-INF/lib/".length()),
                                    name -> new ArrayList<>()).add(inner.getName());
                        }
                    }
                }
            }
        }
        assertTrue(jars > 10, "the WAR holds its jars: " + jars);
        return found;
    }

    private static byte[] read(String name) throws IOException {
        try (ZipFile war = new ZipFile(TestedStack.war().toFile())) {
            ZipEntry entry = war.getEntry(name);
            assertTrue(entry != null, "the WAR has " + name);
            return war.getInputStream(entry).readAllBytes();
        }
    }

    private static boolean startsWithOneOf(String jar, List<String> prefixes) {
        return prefixes.stream().anyMatch(jar::startsWith);
    }
}
