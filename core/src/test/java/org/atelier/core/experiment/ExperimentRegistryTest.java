package org.atelier.core.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.atelier.core.AtelierException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentRegistryTest {

    private final ExperimentRegistry registry = ExperimentRegistry.of(List.of(
            TestExperiment.named("cnn-baseline", "2 — CNN techniques"),
            TestExperiment.named("hidden-layer-sweep", "1 — softmax and one hidden layer"),
            TestExperiment.named("late-study", "10 — later"),
            TestExperiment.named("softmax-regression", "1 — softmax and one hidden layer"),
            TestExperiment.named("dataset-preview", "data"),
            TestExperiment.named("cnn-augmentation", "2 — CNN techniques")));

    @Test
    void listsByStudyNumberThenName() {
        assertEquals(List.of("dataset-preview", "hidden-layer-sweep", "softmax-regression", "cnn-augmentation",
                "cnn-baseline", "late-study"), registry.list().stream().map(Experiment::name).toList());
    }

    @Test
    void findsByName() {
        assertSame(registry.list().get(0), registry.find("dataset-preview"));
    }

    @Test
    void unknownNameSuggestsTheClosest() {
        AtelierException e = assertThrows(AtelierException.class, () -> registry.find("softmax-regresion"));
        assertEquals("unknown experiment 'softmax-regresion'; did you mean softmax-regression? ./atelier list shows them all",
                e.getMessage());
        AtelierException extra = assertThrows(AtelierException.class, () -> registry.find("cnn-baselines-x"));
        assertTrue(extra.getMessage().contains("did you mean cnn-baseline?"), extra.getMessage());
    }

    @Test
    void farOffNameSuggestsNothing() {
        AtelierException e = assertThrows(AtelierException.class, () -> registry.find("gan"));
        assertEquals("unknown experiment 'gan'; ./atelier list shows them all", e.getMessage());
    }

    @Test
    void duplicateNamesAreRejected() {
        AtelierException e = assertThrows(AtelierException.class, () -> ExperimentRegistry.of(List.of(
                TestExperiment.named("same", "data"), TestExperiment.named("same", "1"))));
        assertTrue(e.getMessage().startsWith("two experiments are named 'same'"), e.getMessage());
    }

    @Test
    void namesMustBeKebabCase() {
        AtelierException e = assertThrows(AtelierException.class,
                () -> ExperimentRegistry.of(List.of(TestExperiment.named("Hidden_Sweep", "1"))));
        assertTrue(e.getMessage().contains("not kebab-case"), e.getMessage());
    }

    @Test
    void brokenServiceEntryIsAClearError(@TempDir Path plugin) throws Exception {
        Path services = Files.createDirectories(plugin.resolve("META-INF/services"));
        Files.writeString(services.resolve(Experiment.class.getName()), "com.example.Missing\n");
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {plugin.toUri().toURL()}, original)) {
            thread.setContextClassLoader(loader);
            AtelierException e = assertThrows(AtelierException.class, ExperimentRegistry::load);
            assertTrue(e.getMessage().contains("com.example.Missing") && e.getMessage().contains("ATELIER_CLASSPATH"),
                    e.getMessage());
        } finally {
            thread.setContextClassLoader(original);
        }
    }

    @Test
    void editDistance() {
        assertEquals(0, ExperimentRegistry.Levenshtein.distance("abc", "abc"));
        assertEquals(3, ExperimentRegistry.Levenshtein.distance("kitten", "sitting"));
        assertEquals(4, ExperimentRegistry.Levenshtein.distance("", "abcd"));
    }
}
