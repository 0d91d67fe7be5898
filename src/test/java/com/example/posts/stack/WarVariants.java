package com.example.posts.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Copies of the packaged WAR with some entries rewritten: another version, a broken servlet mapping. */
final class WarVariants {
    static final String BUILD_INFO = "WEB-INF/classes/build-info.properties";
    static final String WEB_XML = "WEB-INF/web.xml";
    static final String CONTEXT_XML = "META-INF/context.xml";
    /** Under each server's CATALINA_BASE: files here replace the WAR's classes (see {@link #classesFromServer}). */
    static final String SERVER_OVERRIDES = "class-overrides";

    private WarVariants() {
    }

    /** The WAR reporting {@code version} on /health. */
    static Path withVersion(Path war, Path target, String version) throws IOException {
        return rewrite(war, target, Map.of(BUILD_INFO, "version=" + version + "\n"));
    }

    /** Deploys and starts, but serves nothing where the smoke test looks: the API moved to /api/*. */
    static Path failingSmokeTest(Path war, Path target, String version) throws IOException {
        String webXml = entry(war, WEB_XML);
        return rewrite(war, target, Map.of(
                BUILD_INFO, "version=" + version + "\n",
                WEB_XML, webXml.replace("<url-pattern>/*</url-pattern>", "<url-pattern>/api/*</url-pattern>")));
    }

    /** Cannot start: its web.xml names a listener class that is not in the WAR. */
    static Path failingStart(Path war, Path target, String version) throws IOException {
        String webXml = entry(war, WEB_XML);
        return rewrite(war, target, Map.of(
                BUILD_INFO, "version=" + version + "\n",
                WEB_XML, webXml.replace("</web-app>",
                        "<listener><listener-class>com.example.posts.NotInTheWar</listener-class></listener></web-app>")));
    }

    /**
     * Starts, but each server may swap files of its classes for its own: those in {@value #SERVER_OVERRIDES}
     * under CATALINA_BASE (which must exist), as a server-side configuration would. Gives a WAR that reports
     * another version on one server only.
     */
    static Path classesFromServer(Path war, Path target, String version) throws IOException {
        String contextXml = entry(war, CONTEXT_XML);
        String resources = "<Resources><PreResources className=\"org.apache.catalina.webresources.DirResourceSet\""
                + " base=\"${catalina.base}/" + SERVER_OVERRIDES + "\" webAppMount=\"/WEB-INF/classes\"/></Resources>";
        if (!contextXml.contains("</Context>")) {
            throw new IllegalStateException(CONTEXT_XML + " of " + war + " has no </Context> to put the overrides before");
        }
        return rewrite(war, target, Map.of(
                BUILD_INFO, "version=" + version + "\n",
                CONTEXT_XML, contextXml.replace("</Context>", resources + "</Context>")));
    }

    /** The WAR reporting {@code version} and carrying one more migration, {@code fileName} holding {@code sql}. */
    static Path withMigration(Path war, Path target, String version, String fileName, String sql) throws IOException {
        return rewrite(war, target, Map.of(
                BUILD_INFO, "version=" + version + "\n",
                "WEB-INF/classes/db/migration/" + fileName, sql));
    }

    private static String entry(Path war, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war))) {
            return read(in, name);
        }
    }

    private static Path rewrite(Path war, Path target, Map<String, String> replacements) throws IOException {
        Files.createDirectories(target.getParent());
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            Set<String> written = new HashSet<>();
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                String replacement = replacements.get(entry.getName());
                if (replacement != null) {
                    out.write(replacement.getBytes(StandardCharsets.UTF_8));
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
                written.add(entry.getName());
            }
            // Entries the WAR lacks are added.
            for (Map.Entry<String, String> added : replacements.entrySet()) {
                if (!written.contains(added.getKey())) {
                    out.putNextEntry(new ZipEntry(added.getKey()));
                    out.write(added.getValue().getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            }
        }
        return target;
    }

    private static String read(ZipInputStream in, String name) throws IOException {
        for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
            if (entry.getName().equals(name)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        throw new IOException(name + " is not in the WAR");
    }

}
