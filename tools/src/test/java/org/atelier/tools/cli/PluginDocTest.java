package org.atelier.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.atelier.HelloExperiment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.atelier.core.experiment.Experiment;
import org.atelier.core.experiment.ExperimentRunner;
import org.atelier.core.experiment.RunOptions;
import org.atelier.core.report.Summary;
import org.atelier.core.testing.DocSnippets;
import org.atelier.core.testing.OnEachEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/plugins.md shows the compiled example, and the example's own test snippet holds. */
class PluginDocTest {

    private static final Path DOC = DocSnippets.repositoryFile("docs/plugins.md");

    @TempDir
    Path temp;

    @Test
    void docShowsTheCompiledExampleVerbatim() throws IOException {
        String example = Files.readString(Path.of("src/test/java/com/example/atelier/HelloExperiment.java"));
        assertEquals(example, fenced("HelloExperiment.java"));
    }

    @Test
    void docShowsAServiceEntryThatServiceLoaderFinds() throws IOException {
        String entry = fenced("services").strip();
        List<String> found = ServiceLoader.load(Experiment.class).stream().map(p -> p.type().getName()).toList();
        assertEquals(HelloExperiment.class.getName(), entry);
        assertTrue(found.contains(entry), found.toString());
    }

    @OnEachEngine
    void docTestSnippetHolds(String engine) {
        Summary summary = ExperimentRunner.run(new HelloExperiment(), RunOptions.builder()
                .optEngine(engine).optSmoke(true).optOut(temp).build());
        assertEquals(499500.0, summary.metrics().get("sum"));
    }

    private static String fenced(String name) throws IOException {
        return DocSnippets.fenced(DOC, name);
    }
}
