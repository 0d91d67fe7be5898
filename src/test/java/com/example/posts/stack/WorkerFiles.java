package com.example.posts.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;

/**
 * The folder where nginx's workers write request bodies and buffered responses. Started by root, nginx
 * runs its workers as an unprivileged user, who may not be able to enter the checkout (a clone in a
 * private home or a {@code mktemp -d} folder); so the folder lives in the system's temp folder and
 * belongs to that user. Started by anyone else, the workers run as that user, who owns it anyway.
 */
final class WorkerFiles {
    private static final String WORKER_USER = "nobody";
    private static final String WORKER_GROUP = "nogroup";
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private WorkerFiles() {
    }

    static Path create() {
        try {
            Path folder = Files.createTempDirectory("posts-nginx-");
            if (ROOT) {
                UserPrincipalLookupService users = folder.getFileSystem().getUserPrincipalLookupService();
                GroupPrincipal group = users.lookupPrincipalByGroupName(WORKER_GROUP);
                PosixFileAttributeView owner = Files.getFileAttributeView(folder, PosixFileAttributeView.class);
                owner.setOwner(users.lookupPrincipalByName(WORKER_USER));
                owner.setGroup(group);
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make a folder for nginx's workers", e);
        }
    }

    /** The main configuration's {@code user} line: the owner of the folder, when nginx starts as root. */
    static String userDirective() {
        return ROOT ? "user " + WORKER_USER + " " + WORKER_GROUP + ";" : "";
    }
}
