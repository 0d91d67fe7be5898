package com.example.posts.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Copies of the packaged WAR with some entries rewritten: another version, a broken servlet mapping. */
final class WarVariants {
    static final String BUILD_INFO = "WEB-INF/classes/build-info.properties";
    static final String WEB_XML = "WEB-INF/web.xml";

    private WarVariants() {
    }

    /** The WAR reporting {@code version} on /health. */
    static Path withVersion(Path war, Path target, String version) throws IOException {
        return rewrite(war, target, Map.of(BUILD_INFO, "version=" + version + "\n"));
    }

    /** Deploys and starts, but serves nothing where the smoke test looks: the API moved to /api/*. */
    static Path failingSmokeTest(Path war, Path target, String version) throws IOException {
        String webXml;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war))) {
            webXml = read(in, WEB_XML);
        }
        return rewrite(war, target, Map.of(
                BUILD_INFO, "version=" + version + "\n",
                WEB_XML, webXml.replace("<url-pattern>/*</url-pattern>", "<url-pattern>/api/*</url-pattern>")));
    }

    private static Path rewrite(Path war, Path target, Map<String, String> replacements) throws IOException {
        Files.createDirectories(target.getParent());
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                String replacement = replacements.get(entry.getName());
                if (replacement != null) {
                    out.write(replacement.getBytes(StandardCharsets.UTF_8));
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
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
