package org.atelier.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.atelier.core.data.Datasets;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.RealData;
import org.atelier.core.testing.TestBackends;
import org.atelier.core.trial.ChildJvmTrialExecutor;
import org.atelier.core.trial.DataSpec;
import org.atelier.core.trial.FitSpec;
import org.atelier.core.trial.InProcessTrialExecutor;
import org.atelier.core.trial.ModelSpec;
import org.atelier.core.trial.TrialEnvironment;
import org.atelier.core.trial.TrialExecutor;
import org.atelier.core.trial.TrialRunner;
import org.atelier.core.trial.TrialSpec;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small grid search on the MNIST smoke pool (4 candidates × 2 stratified folds, one epoch, then
 * the refit) on each engine: the same scores, ranks and refit in process and in two worker JVMs
 * (the test JVM pins one intra-op thread, which the workers inherit), and a second run in the same
 * directory reuses every trial instead of training it again.
 */
class HyperparameterSearchTest {

    @TempDir
    Path temp;

    private static HyperparameterSearch search() {
        TrialSpec base = TrialSpec.of("base", ModelSpec.mlp(10, 16), DataSpec.of("mnist"),
                FitSpec.builder().sgd(0.1).batchSize(64).maxEpochs(1).build(), 42);
        return HyperparameterSearch.grid(ParameterGrid.of(Map.of("learning_rate", List.of(0.02, 0.2),
                        "hidden_units", List.of(16, 32))))
                .setTemplate(TrialTemplate.of(base)).setData(DataSpec.of("mnist").with("smoke", true).with("splitSeed", 42))
                .optCv(CrossValidation.stratifiedKFold(2)).build();
    }

    private TrialRunner runner(String engine, TrialExecutor executor, String directory) {
        return new TrialRunner(executor, new TrialEnvironment(engine, TestBackends.DEVICE,
                RealData.locator(Datasets.MNIST).root(), temp.resolve(directory)), null);
    }

    @OnEachEngine
    void workersGiveTheInProcessResultsAndAResumedSearchReusesEveryTrial(String engine) {
        HyperparameterSearch search = search();
        assertEquals(List.of("grid-c0-f0", "grid-c0-f1", "grid-c1-f0"),
                search.trials().stream().limit(3).map(TrialSpec::id).toList());
        SearchResult here = search.run(runner(engine, new InProcessTrialExecutor(), "here"));
        SearchResult workers = search.run(runner(engine, new ChildJvmTrialExecutor(2), "workers"));

        CvResults a = here.cvResults();
        CvResults b = workers.cvResults();
        assertEquals(4, a.candidates().size());
        for (int i = 0; i < 4; i++) {
            assertEquals(a.candidates().get(i).splitScores(), b.candidates().get(i).splitScores(), "candidate " + i);
            assertEquals(a.candidates().get(i).rank(), b.candidates().get(i).rank());
            assertTrue(a.candidates().get(i).meanScore() > 0.1, "better than chance: " + a.candidates().get(i));
        }
        assertEquals(a.bestParams(), b.bestParams());
        assertEquals(here.testAccuracy(), workers.testAccuracy());
        assertEquals(here.refitTrial().data().args().get("validation"), "0");
        assertTrue(Files.isRegularFile(here.refitResult().params().orElseThrow()), "the refit keeps its parameters");

        TrialRunner again = runner(engine, new InProcessTrialExecutor(), "here");
        SearchResult resumed = search.run(again);
        assertEquals(9.0, again.progressMetrics().get("trials_reused"), "8 (candidate, fold) trials and the refit");
        assertEquals(a, resumed.cvResults());
        assertEquals(here.testAccuracy(), resumed.testAccuracy());
    }
}
