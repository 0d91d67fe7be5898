package com.example.posts.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One block of a Jenkinsfile, {@code name(arguments) { ... }}, read by matching braces: the blocks inside it and
 * its own statements (the lines outside them, such as {@code sh '...'} or {@code branch 'main'}). Comments are
 * dropped and strings kept whole, so a brace in either does not count. Enough for Declarative's nested blocks;
 * not a Groovy parser (a slashy string, or a double quote inside a GString's ${}, would confuse it).
 */
record GroovyBlock(String name, String arguments, List<GroovyBlock> blocks, List<String> statements) {
    private static final Pattern NAME = Pattern.compile("^[A-Za-z_][\\w.]*");
    private static final Pattern STRING = Pattern.compile("'([^']*)'|\"([^\"]*)\"");

    /** The whole file as a block named "" holding its top-level blocks (pipeline { ... }). */
    static GroovyBlock parse(String groovy) {
        String code = withoutComments(groovy);
        return new Reader(code, blankStrings(code)).block("", "", 0, code.length());
    }

    /** This block and every block inside it, outermost first. */
    Stream<GroovyBlock> all() {
        return Stream.concat(Stream.of(this), blocks.stream().flatMap(GroovyBlock::all));
    }

    List<GroovyBlock> blocks(String named) {
        return blocks.stream().filter(block -> block.name.equals(named)).toList();
    }

    /** Every statement of this block and of the blocks inside it. */
    Stream<String> allStatements() {
        return all().flatMap(block -> block.statements.stream());
    }

    /** The string literals of a statement or of arguments, in order. */
    static List<String> strings(String code) {
        List<String> strings = new ArrayList<>();
        Matcher string = STRING.matcher(code);
        while (string.find()) {
            strings.add(string.group(1) != null ? string.group(1) : string.group(2));
        }
        return strings;
    }

    /** The name a statement or a block header starts with: sh, branch, lock, stage... */
    static String nameOf(String code) {
        Matcher name = NAME.matcher(code.strip());
        return name.find() ? name.group() : "";
    }

    private record Reader(String code, String shape) {
        /** The block whose body is code[from, to). */
        GroovyBlock block(String name, String arguments, int from, int to) {
            List<GroovyBlock> blocks = new ArrayList<>();
            List<String> statements = new ArrayList<>();
            int start = from;
            int nesting = 0; // ( and [ : a statement or a header may span lines inside them
            for (int i = from; i < to; i++) {
                char c = shape.charAt(i);
                if (c == '(' || c == '[') {
                    nesting++;
                } else if (c == ')' || c == ']') {
                    nesting--;
                } else if (c == '{' && nesting == 0) {
                    int end = closing(i);
                    String header = code.substring(start, i).strip();
                    String blockName = nameOf(header);
                    blocks.add(block(blockName, header.substring(blockName.length()).strip(), i + 1, end));
                    i = end;
                    start = end + 1;
                } else if ((c == '\n' || c == ';') && nesting == 0) {
                    addStatement(statements, start, i);
                    start = i + 1;
                }
            }
            addStatement(statements, start, to);
            return new GroovyBlock(name, arguments, List.copyOf(blocks), List.copyOf(statements));
        }

        private void addStatement(List<String> statements, int from, int to) {
            String statement = code.substring(from, to).strip();
            if (!statement.isEmpty()) {
                statements.add(statement.replaceAll("\\s+", " "));
            }
        }

        private int closing(int open) {
            int depth = 0;
            for (int i = open; i < shape.length(); i++) {
                if (shape.charAt(i) == '{') {
                    depth++;
                } else if (shape.charAt(i) == '}' && --depth == 0) {
                    return i;
                }
            }
            throw new IllegalArgumentException("no } for the { at offset " + open);
        }
    }

    /** The code with // and /* comments blanked (same length), strings left as they are. */
    private static String withoutComments(String groovy) {
        StringBuilder code = new StringBuilder(groovy);
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '\'' || c == '"') {
                i = endOfString(groovy, i);
            } else if (groovy.startsWith("//", i) || groovy.startsWith("/*", i)) {
                int end = groovy.startsWith("//", i) ? groovy.indexOf('\n', i) : groovy.indexOf("*/", i) + 2;
                end = end < i ? groovy.length() : end;
                for (int j = i; j < end; j++) {
                    code.setCharAt(j, code.charAt(j) == '\n' ? '\n' : ' ');
                }
                i = end - 1;
            }
        }
        return code.toString();
    }

    /** The code with the inside of every string blanked, so that only the code's own braces remain. */
    private static String blankStrings(String code) {
        StringBuilder shape = new StringBuilder(code);
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '\'' || c == '"') {
                int end = endOfString(code, i);
                for (int j = i + 1; j < end; j++) {
                    shape.setCharAt(j, ' ');
                }
                i = end;
            }
        }
        return shape.toString();
    }

    /** The offset of the quote that closes the string opening at {@code open} ('...', "...", '''...''', """..."""). */
    private static int endOfString(String code, int open) {
        String quote = code.startsWith(code.substring(open, open + 1).repeat(3), open)
                ? code.substring(open, open + 3) : code.substring(open, open + 1);
        for (int i = open + quote.length(); i < code.length(); i++) {
            if (code.charAt(i) == '\\') {
                i++;
            } else if (code.startsWith(quote, i)) {
                return i + quote.length() - 1;
            }
        }
        throw new IllegalArgumentException("unclosed string at offset " + open);
    }
}
