package io.github.timcallback.groupfull.containers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The README's tables, read as the tests that keep them true need them. */
public final class Readme {

    private Readme() {
    }

    /**
     * The body rows of the first table under the heading {@code heading} (the whole heading line,
     * e.g. "## Compatibility"), each as its trimmed cells.
     */
    public static List<List<String>> table(String heading) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int at = lines.indexOf(heading);
        if (at < 0) {
            throw new IllegalStateException("README.md has no heading " + heading);
        }
        List<List<String>> rows = new ArrayList<>();
        int i = at + 1;
        while (i < lines.size() && !lines.get(i).startsWith("|")) {
            i++;
        }
        for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String line = lines.get(i).trim();
            List<String> cells = new ArrayList<>();
            for (String cell : line.substring(1, line.length() - 1).split("\\|", -1)) {
                cells.add(cell.trim());
            }
            rows.add(cells);
        }
        return rows;
    }

    /**
     * The {@code AccessLogValve} element of the README's "Callback authentication" section, as an
     * operator copies it into {@code server.xml}.
     */
    static String accessLogValve() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("<Valve className=\"org.apache.catalina.valves.AccessLogValve\"");
        if (start < 0) {
            throw new IllegalStateException("README.md shows no AccessLogValve");
        }
        return readme.substring(start, readme.indexOf("/>", start) + 2);
    }

    /**
     * The one piece of the README from {@code start} up to the first {@code end} after it, both
     * included, as an operator copies it.
     */
    static String excerpt(String start, String end) throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int from = readme.indexOf(start);
        if (from < 0 || readme.indexOf(start, from + 1) >= 0) {
            throw new IllegalStateException("README.md does not show " + start + " exactly once");
        }
        return readme.substring(from, readme.indexOf(end, from) + end.length());
    }

    /**
     * The contents of the fenced code blocks in {@code language} (```java) of the section under
     * {@code heading} (the whole heading line), up to the next heading of its level, in order.
     */
    static List<String> codeBlocks(String heading, String language) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int at = lines.indexOf(heading);
        if (at < 0) {
            throw new IllegalStateException("README.md has no heading " + heading);
        }
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        List<String> blocks = new ArrayList<>();
        for (int i = at + 1; i < lines.size() && !lines.get(i).startsWith(level); i++) {
            if (lines.get(i).startsWith("```")) {
                int end = lines.subList(i + 1, lines.size()).indexOf("```") + i + 1;
                if (lines.get(i).equals("```" + language)) {
                    blocks.add(String.join("\n", lines.subList(i + 1, end)) + "\n");
                }
                i = end;
            }
        }
        return blocks;
    }

    /** The spans in backticks within {@code cell}, without the backticks. */
    static List<String> quoted(String cell) {
        List<String> spans = new ArrayList<>();
        for (int open = cell.indexOf('`'); open >= 0; open = cell.indexOf('`', cell.indexOf('`', open + 1) + 1)) {
            int close = cell.indexOf('`', open + 1);
            if (close < 0) {
                break;
            }
            spans.add(cell.substring(open + 1, close));
        }
        return spans;
    }
}
