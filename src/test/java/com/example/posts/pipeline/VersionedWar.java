package com.example.posts.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** A WAR that only carries what ci/deploy-tomcat.sh reads from it: its version. */
final class VersionedWar {
    private VersionedWar() {
    }

    static Path write(Path war, String version) throws IOException {
        try (OutputStream file = Files.newOutputStream(war); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("WEB-INF/classes/build-info.properties"));
            zip.write(("version=" + version + "\n").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return war;
    }
}
