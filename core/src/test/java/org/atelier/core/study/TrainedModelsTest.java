package org.atelier.core.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.atelier.core.report.MarkdownReport;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.report.RunFile;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;
import org.atelier.core.training.History;
import org.atelier.core.trial.DataSpec;
import org.atelier.core.trial.FitSpec;
import org.atelier.core.trial.InProcessTrialExecutor;
import org.atelier.core.trial.ModelSpec;
import org.atelier.core.trial.TestTrialComponents;
import org.atelier.core.trial.TrialData;
import org.atelier.core.trial.TrialEnvironment;
import org.atelier.core.trial.TrialProgress;
import org.atelier.core.trial.TrialResult;
import org.atelier.core.trial.TrialSpec;
import org.atelier.core.trial.Trials;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Several seeds trained on separable blobs; the best model evaluated on a test set and written out. */
class TrainedModelsTest {

    @TempDir
    Path temp;

    @OnEachEngine
    void seedRunsKeepTheBestModelAndItsTestEvaluationIsWritten(String engine) throws Exception {
        TrialEnvironment environment = new TrialEnvironment(engine, TestBackends.DEVICE, temp, temp.resolve("trials-" + engine));
        List<Long> seeds = List.of(1L, 2L, 3L);
        FitSpec fit = FitSpec.builder().sgd(0.1).batchSize(32).maxEpochs(3).evaluateBeforeTraining(true)
                .restoreBest(true).build();
        List<TrialSpec> specs = seeds.stream().map(seed -> TrialSpec.of("blobs-" + seed, ModelSpec.softmax(3),
                DataSpec.of(TestTrialComponents.BLOBS_RECIPE), fit, seed).withSaveParams(true)).toList();
        List<TrialResult> results = new InProcessTrialExecutor().run(specs, environment, new TrialProgress(null, 3));
        SeedRuns runs = SeedRuns.of(seeds, results);
        assertEquals(3, runs.histories().size());
        double bestLoss = runs.histories().get(runs.bestIndex()).best().valLoss();
        for (History h : runs.histories()) {
            assertTrue(bestLoss <= h.best().valLoss(), "the kept run has the lowest validation loss");
        }
        assertEquals(runs.histories().size(), runs.statistic(h -> h.best().valLoss()).n());
        assertEquals(results.get(runs.bestIndex()).params(), runs.bestParams());

        TrialData data = Trials.data(specs.get(0).data(), environment);
        try (Model best = Trials.loadModel(specs.get(runs.bestIndex()), runs.bestParams().orElseThrow(), environment)) {
            TestSetEvaluation evaluation = TestSetEvaluation.of(best.getBlock(), data.test(), data.classNames());
            assertEquals(100, evaluation.matrix().total());
            assertTrue(evaluation.matrix().accuracy() > 0.9, "blobs 3 std apart are easy: " + evaluation.matrix().accuracy());
            RunDirectory dir = RunDirectory.createAt(temp.resolve(engine), false);
            TestSetEvaluation.Files outputs = TestSetEvaluation.Files.of("test", "the model");
            evaluation.write(dir, outputs, "blobs");
            List<String> files = outputs.all().stream().map(RunFile::name).toList();
            assertEquals(6, files.size());
            for (String file : files) {
                Path path = dir.root().resolve(file);
                assertTrue(Files.size(path) > 0, file);
                if (file.endsWith(".png")) {
                    BufferedImage image = ImageIO.read(path.toFile());
                    assertTrue(image.getWidth() > 300, file);
                } else if (file.endsWith(".csv")) {
                    assertTrue(Table.read().csv(path.toFile()).rowCount() >= 3, file);
                }
            }
            assertTrue(dir.artifacts().containsAll(files));
            Table counts = Table.read().csv(dir.root().resolve("test-confusion-matrix.csv").toFile());
            long sum = 0;
            for (int c = 1; c < counts.columnCount(); c++) {
                sum += (long) counts.numberColumn(c).sum();
            }
            assertEquals(100, sum, "the confusion matrix CSV counts every test sample once");
            MarkdownReport report = new MarkdownReport();
            evaluation.addTo(report, outputs, "the model");
            assertTrue(report.toMarkdown().contains("test-confusion-matrix.png"));
        }
    }
}
