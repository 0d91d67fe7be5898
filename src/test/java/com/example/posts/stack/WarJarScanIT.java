package com.example.posts.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * The WAR's META-INF/context.xml has Tomcat scan only the jars that need it (for fast deploys). This keeps
 * it true: every jar of WEB-INF/lib that brings a ServletContainerInitializer or a web fragment is one the
 * pluggability scan lets through, no pattern of it is stale, and no jar holds a TLD (the TLD scan is off).
 * A dependency that adds an initializer fails here instead of being silently ignored on every Tomcat.
 */
class WarJarScanIT {
    private static final String INITIALIZER = "META-INF/services/jakarta.servlet.ServletContainerInitializer";
    private static final Pattern SCANNED = Pattern.compile("pluggabilityScan=\"([^\"]*)\"");

    @Test
    void everyJarWithAnInitializerOrFragmentIsScannedAndNoPatternIsStale() throws IOException {
        Map<String, List<String>> features = jarFeatures();
        List<String> patterns = scannedPatterns();
        List<String> needed = features.entrySet().stream()
                .filter(jar -> jar.getValue().contains(INITIALIZER) || jar.getValue().contains("META-INF/web-fragment.xml"))
                .map(Map.Entry::getKey).toList();

        for (String jar : needed) {
            assertTrue(patterns.stream().anyMatch(pattern -> matches(pattern, jar)),
                    jar + " has " + features.get(jar) + " but context.xml's pluggabilityScan " + patterns + " skips it");
        }
        for (String pattern : patterns) {
            assertTrue(needed.stream().anyMatch(jar -> matches(pattern, jar)),
                    "pluggabilityScan's " + pattern + " names no jar with an initializer or fragment: " + needed);
        }
        assertTrue(!needed.isEmpty(), "Jersey's initializer at least");
    }

    @Test
    void noJarHoldsATagLibrary() throws IOException {
        List<String> withTld = jarFeatures().entrySet().stream()
                .filter(jar -> jar.getValue().stream().anyMatch(name -> name.endsWith(".tld")))
                .map(Map.Entry::getKey).toList();

        assertEquals(List.of(), withTld, "context.xml turns the TLD scan off");
    }

    /** Each jar of WEB-INF/lib, by file name, with what it holds of interest to Tomcat's scans. */
    private static Map<String, List<String>> jarFeatures() throws IOException {
        Map<String, List<String>> features = new TreeMap<>();
        try (ZipFile war = new ZipFile(TestedStack.war().toFile())) {
            for (ZipEntry entry : war.stream().filter(e -> e.getName().matches("WEB-INF/lib/[^/]+\\.jar")).toList()) {
                List<String> found = new ArrayList<>();
                try (InputStream bytes = war.getInputStream(entry);
                        ZipInputStream jar = new ZipInputStream(new ByteArrayInputStream(bytes.readAllBytes()))) {
                    for (ZipEntry inner = jar.getNextEntry(); inner != null; inner = jar.getNextEntry()) {
                        String name = inner.getName();
                        if (name.equals(INITIALIZER) || name.equals("META-INF/web-fragment.xml") || name.endsWith(".tld")) {
                            found.add(name);
                        }
                    }
                }
                features.put(entry.getName().substring("WEB-INF/lib/".length()), found);
            }
        }
        assertTrue(features.size() > 10, "the WAR's jars: " + features.keySet());
        return features;
    }

    private static List<String> scannedPatterns() throws IOException {
        try (ZipFile war = new ZipFile(TestedStack.war().toFile())) {
            String contextXml = new String(war.getInputStream(war.getEntry(WarVariants.CONTEXT_XML)).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(contextXml.contains("defaultPluggabilityScan=\"false\""), contextXml);
            Matcher scanned = SCANNED.matcher(contextXml);
            assertTrue(scanned.find(), contextXml);
            return Arrays.stream(scanned.group(1).split(",")).map(String::trim).toList();
        }
    }

    /** Tomcat's file name patterns: '*' for any run of characters. */
    private static boolean matches(String pattern, String jar) {
        return jar.matches(Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote)
                .reduce((left, right) -> left + ".*" + right).orElseThrow());
    }
}
