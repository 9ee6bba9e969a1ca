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
import org.atelier.core.testing.OnEachEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/plugins.md shows the compiled example, and the example's own test snippet holds. */
class PluginDocTest {

    /** Maven runs tests in the module directory; the doc lives one level up. */
    private static final Path DOC = Path.of("..", "docs", "plugins.md");

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

    /** The body of the code fence between {@code <!-- BEGIN name -->} and {@code <!-- END name -->}. */
    private static String fenced(String name) throws IOException {
        String doc = Files.readString(DOC);
        String block = doc.substring(doc.indexOf("<!-- BEGIN " + name + " -->"), doc.indexOf("<!-- END " + name + " -->"));
        int start = block.indexOf('\n', block.indexOf("```")) + 1;
        return block.substring(start, block.lastIndexOf("```"));
    }
}
