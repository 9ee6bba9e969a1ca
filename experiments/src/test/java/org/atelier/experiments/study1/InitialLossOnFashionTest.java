package org.atelier.experiments.study1;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.atelier.core.engine.Backend;
import org.atelier.core.models.Initializers;
import org.atelier.core.models.Models;
import org.atelier.core.stats.MeanStd;
import org.atelier.core.study.InitialLoss;
import org.atelier.core.study.InitialLossCheck;
import org.atelier.core.testing.RealData;
import org.atelier.core.trial.DataSpec;
import org.atelier.core.trial.TrialData;
import org.atelier.core.trial.TrialEnvironment;
import org.atelier.core.trial.Trials;
import org.junit.jupiter.api.Test;

/**
 * The starting loss of softmax regression on the real, standardized Fashion-MNIST training split,
 * initialized as the study prescribes (w ~ N(0, 1/√784), b = 0); no training.
 */
class InitialLossOnFashionTest {

    private static final List<Long> SEEDS = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);

    @Test
    void startsAboveLn10AndWithinToleranceOfTheInitializationAwareExpectation() {
        Backend backend = Backend.resolve("PyTorch", "cpu");
        TrialEnvironment environment = new TrialEnvironment("PyTorch", "cpu",
                RealData.locator("fashion-mnist").root(), Path.of("unused"));
        TrialData data = Trials.data(DataSpec.fashionMnist(42, false), environment);
        double sigma = 1 / Math.sqrt(784);
        double s2 = InitialLoss.meanLogitVariance(data.train().features(), sigma);
        double expected = InitialLoss.expected(10, s2);
        MeanStd measured = InitialLossCheck.measure(backend, () -> Models.softmaxRegression(10),
                Initializers.normalFanIn(), SEEDS, data.train()).loss();
        // Tolerance = what the second-order expectation leaves out + what 8 seeds cannot pin down:
        // (1) its dropped higher-order terms, bounded by 0.025·mean(s⁴) (Monte-Carlo, see
        //     InitialLoss.higherOrderBound), and pointing downwards;
        // (2) three standard errors of the seed mean: the weights are shared by all images, so
        //     one seed's loss does not average out over the 54 000 images and seeds differ by ~0.1.
        double higherOrder = InitialLoss.higherOrderBound(data.train().features(), sigma);
        double tolerance = higherOrder + 3 * measured.standardError();
        String numbers = "measured " + measured + ", expected " + expected + ", s² " + s2 + ", higher-order bound "
                + higherOrder + ", tolerance " + tolerance;
        assertTrue(Math.abs(s2 - 1) < 0.01, "global standardization makes mean ‖x‖²/n = 1: " + numbers);
        assertTrue(Math.abs(measured.mean() - expected) <= tolerance, numbers);
        assertTrue(measured.mean() > InitialLoss.uniform(10), "above ln 10: " + numbers);
        assertTrue(measured.mean() < InitialLoss.uniform(10) + 0.9 * s2 / 2 + 3 * measured.standardError(),
                "below ln 10 + (1 − 1/K)s²/2 + sampling tolerance: " + numbers);
    }
}
