package org.atelier.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads code shown in documentation, so that tests can check the docs show compiled code
 * verbatim. A snippet is the code fence between {@code <!-- BEGIN name -->} and
 * {@code <!-- END name -->} in a Markdown file.
 */
public final class DocSnippets {

    private DocSnippets() {}

    /** The repository root, seen from a module directory (where Maven runs tests). */
    public static Path repositoryFile(String relativePath) {
        return Path.of("..").resolve(relativePath);
    }

    /**
     * The body of a marked code fence.
     *
     * @param doc the Markdown file
     * @param name the marker name
     * @return the fenced code, ending with a newline
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the markers are missing
     */
    public static String fenced(Path doc, String name) throws IOException {
        String text = Files.readString(doc);
        int begin = text.indexOf("<!-- BEGIN " + name + " -->");
        int end = text.indexOf("<!-- END " + name + " -->");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(doc + " has no snippet marked " + name);
        }
        String block = text.substring(begin, end);
        int start = block.indexOf('\n', block.indexOf("```")) + 1;
        return block.substring(start, block.lastIndexOf("```"));
    }
}
