package org.atelier.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.atelier.core.testing.DocSnippets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher and data/fetch, run as a user runs them (issue 10, reproductions 5 and 8). They run in a copy of the project's scripts whose jar is an up-to-date empty
 * file and whose java is a stub that prints what it was given, so nothing is built, downloaded or
 * trained.
 */
class LauncherTest {

    @TempDir
    Path temp;

    private Path root;
    private Path work;

    /** What a script printed and returned. */
    record Run(int exit, String out, String err) {}

    @BeforeEach
    void copyTheScripts() throws IOException {
        root = temp.resolve("atelier-root");
        for (String file : List.of("atelier", "data/fetch", "core/src/main/resources/org/atelier/core/data/checksums.sha256")) {
            Path copy = root.resolve(file);
            Files.createDirectories(copy.getParent());
            Files.copy(DocSnippets.repositoryFile(file), copy);
        }
        Path jar = root.resolve("tools/target/atelier.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, ""); // newer than every source: the launcher does not build
        Path java = Files.writeString(temp.resolve("java-stub"),
                "#!/bin/sh\necho \"java $*\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        work = Files.createDirectory(temp.resolve("work")); // a working directory without data/
    }

    private Run run(Map<String, String> env, List<String> unset, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().remove("ATELIER_DATA");
        unset.forEach(builder.environment()::remove);
        builder.environment().put("JAVA", temp.resolve("java-stub").toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "script did not finish");
        return new Run(process.exitValue(), out, err);
    }

    private Run launcher(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(root.resolve("atelier").toString()));
        command.addAll(List.of(args));
        return run(Map.of(), List.of(), command.toArray(String[]::new));
    }

    /** 5: a mistyped --data-dir was created and filled with ~110 MB, silently. */
    @Test
    void aDataDirThatDoesNotExistIsNeitherCreatedNorFilled() throws Exception {
        Path typo = temp.resolve("typo");
        Run result = launcher("run", "softmax-regression", "--data-dir", typo.toString());
        assertFalse(Files.exists(typo), "nothing is created");
        assertEquals("atelier: --data-dir " + typo + " does not exist; nothing was fetched or created (check the path,"
                + " or run data/fetch --dir " + typo + " to fetch the datasets there)\n", result.err());
        assertTrue(result.out().startsWith("java "), "the CLI still runs and reports what is missing: " + result.out());
    }

    /** 8: with HOME unset, data/fetch stopped with "HOME: unbound variable". */
    @Test
    void withoutHomeTheFetchSaysWhichDirectoryToName() throws Exception {
        Run fetch = run(Map.of(), List.of("HOME"), root.resolve("data/fetch").toString(), "wine");
        assertEquals(1, fetch.exit());
        assertEquals("data/fetch: no data directory: HOME is not set and neither --dir nor ATELIER_DATA names one;"
                + " pass --dir DIR\n", fetch.err());
        Run launched = run(Map.of(), List.of("HOME"), root.resolve("atelier").toString(), "run", "softmax-regression");
        assertFalse(launched.err().contains("unbound variable"), launched.err());
        assertTrue(launched.err().contains("HOME is not set"), launched.err());
    }

    /** 5: --quiet says nothing when nothing changes, and one line for each change. */
    @Test
    void quietFetchIsSilentWhenNothingChangesAndSaysWhatItCreates() throws Exception {
        Path data = temp.resolve("data");
        Files.createDirectories(data.resolve("wine"));
        Files.copy(DocSnippets.repositoryFile("data/wine/wine_data.csv"), data.resolve("wine/wine_data.csv"));
        Run first = run(Map.of(), List.of(), root.resolve("data/fetch").toString(), "--quiet", "--dir", data.toString(), "wine");
        assertEquals(0, first.exit(), first.err());
        assertEquals("", first.err());
        Run loud = run(Map.of(), List.of(), root.resolve("data/fetch").toString(), "--dir", data.toString(), "wine");
        assertTrue(loud.err().contains("wine: verified earlier"), loud.err());
    }

    /** 5: a damaged file was replaced without a word. A stub curl on the PATH serves the good copy. */
    @Test
    void quietFetchSaysWhichDamagedFileItReplaces() throws Exception {
        Path good = DocSnippets.repositoryFile("data/wine/wine_data.csv").toAbsolutePath();
        Path bin = Files.createDirectory(temp.resolve("bin"));
        Path curl = Files.writeString(bin.resolve("curl"), "#!/bin/sh\n"
                + "while [ $# -gt 0 ]; do [ \"$1\" = -o ] && dest=\"$2\"; shift; done\n"
                + "cp '" + good + "' \"$dest\"\n");
        Files.setPosixFilePermissions(curl, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = temp.resolve("data");
        Files.createDirectories(data.resolve("wine"));
        Files.writeString(data.resolve("wine/wine_data.csv"), "damaged");
        Run fetch = run(Map.of("PATH", bin + ":" + System.getenv("PATH")), List.of(),
                root.resolve("data/fetch").toString(), "--quiet", "--dir", data.toString(), "wine");
        assertEquals(0, fetch.exit(), fetch.err());
        assertEquals(List.of("data/fetch: wine: fetching wine_data.csv into " + data.resolve("wine"),
                "data/fetch:   wine/wine_data.csv: replacing the damaged copy (its SHA-256 did not match)"),
                fetch.err().lines().toList());
        assertEquals(Files.readString(good), Files.readString(data.resolve("wine/wine_data.csv")));
    }
}
