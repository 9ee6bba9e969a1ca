package org.atelier.core.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.atelier.core.data.LabeledData;
import org.atelier.core.engine.Backend;
import org.atelier.core.models.Models;
import org.atelier.core.report.MarkdownReport;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.report.RunFile;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.training.FitConfig;
import org.atelier.core.training.listener.RestoreBestEpoch;
import org.atelier.core.training.History;
import org.atelier.core.training.LabeledArrays;
import org.atelier.core.training.SyntheticData;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Several seeds trained on separable blobs; the best model evaluated on a test set and written out. */
class TrainedModelsTest {

    @TempDir
    Path temp;

    @OnEachEngine
    void seedRunsKeepTheBestModelAndItsTestEvaluationIsWritten(String engine) throws Exception {
        Backend backend = Backend.resolve(engine, "cpu");
        LabeledData blobs = SyntheticData.blobs(600, 4, 3, 1);
        try (NDManager manager = backend.newManager()) {
            LabeledArrays train = LabeledArrays.of(blobs.head(400), manager);
            LabeledArrays validation = LabeledArrays.of(blobs.subset(range(400, 500), "val"), manager);
            LabeledArrays test = LabeledArrays.of(blobs.subset(range(500, 600), "test"), manager);
            try (SeedRuns runs = SeedRuns.train(List.of(1L, 2L, 3L), () -> newModel(backend),
                    seed -> FitConfig.builder().setEpochs(3).setBatchSize(32).optSgd(0.1f).optSeed(seed)
                            .optEvaluateBeforeTraining(true).addListener(new RestoreBestEpoch()).optProgress(null).build(),
                    train, validation)) {
                assertEquals(3, runs.histories().size());
                double bestLoss = runs.histories().get(runs.bestIndex()).best().valLoss();
                for (History h : runs.histories()) {
                    assertTrue(bestLoss <= h.best().valLoss(), "the kept run has the lowest validation loss");
                }
                assertEquals(runs.histories().size(), runs.statistic(h -> h.best().valLoss()).n());

                TestSetEvaluation evaluation = TestSetEvaluation.of(runs.bestModel().getBlock(), test, blobs.classNames());
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

    private static Model newModel(Backend backend) {
        Model model = Model.newInstance("blobs", backend.device(), backend.engineName());
        model.setBlock(Models.softmaxRegression(3));
        return model;
    }

    private static int[] range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).toArray();
    }
}
