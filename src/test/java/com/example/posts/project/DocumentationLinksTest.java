package com.example.posts.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.IndependentOfTestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README stays short, and every link in it and in docs/ leads somewhere: a file, and a heading in it. */
@IndependentOfTestDatabase
class DocumentationLinksTest {
    static final int README_MAX_LINES = 160;
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$");

    @Test
    void theReadmeFitsOnAFewScreens() throws IOException {
        long lines = Files.readAllLines(Path.of("README.md")).size();

        assertTrue(lines <= README_MAX_LINES, "README.md has " + lines + " lines; depth goes to docs/");
    }

    @Test
    void everyLinkOfTheDocumentationResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path document : documents()) {
            for (String link : links(document)) {
                brokenReason(document, link).ifPresent(reason -> broken.add(document + ": " + link + " " + reason));
            }
        }

        assertEquals(List.of(), broken);
    }

    @Test
    void everyDocumentIsReachableFromTheReadme() throws IOException {
        Set<Path> linked = new HashSet<>();
        for (String link : links(Path.of("README.md"))) {
            linked.add(Path.of(link.split("#", 2)[0]).normalize());
        }
        List<Path> unlinked = documents().stream()
                .filter(document -> document.startsWith("docs"))
                .filter(document -> !linked.contains(document))
                .toList();

        assertEquals(List.of(), unlinked, "docs/ files the README does not link");
    }

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> files = Files.walk(Path.of("docs"))) {
            files.filter(file -> file.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    /** Links outside code blocks, except to other sites. */
    private static List<String> links(Path document) throws IOException {
        List<String> links = new ArrayList<>();
        for (String line : proseLines(document)) {
            Matcher link = LINK.matcher(line);
            while (link.find()) {
                String target = link.group(1);
                if (!target.matches("(?i)(https?|mailto):.*")) {
                    links.add(target);
                }
            }
        }
        return links;
    }

    private static Optional<String> brokenReason(Path document, String link) throws IOException {
        String[] parts = link.split("#", 2);
        Path target = parts[0].isEmpty() ? document : document.resolveSibling(parts[0]).normalize();
        if (!Files.exists(target)) {
            return Optional.of("(no such file)");
        }
        if (parts.length == 2 && !anchors(target).contains(parts[1])) {
            return Optional.of("(no such heading in " + target + ")");
        }
        return Optional.empty();
    }

    /** The anchors a Markdown renderer gives the document's headings: lower case, punctuation dropped. */
    private static Set<String> anchors(Path document) throws IOException {
        Set<String> anchors = new HashSet<>();
        if (!document.toString().endsWith(".md")) {
            return anchors;
        }
        for (String line : proseLines(document)) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                anchors.add(heading.group(1).strip().toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    private static List<String> proseLines(Path document) throws IOException {
        List<String> prose = new ArrayList<>();
        boolean inCode = false;
        for (String line : Files.readAllLines(document, StandardCharsets.UTF_8)) {
            if (line.startsWith("```")) {
                inCode = !inCode;
            } else if (!inCode) {
                prose.add(line);
            }
        }
        return prose;
    }
}
