package org.atelier.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.atelier.core.AtelierException;
import org.atelier.core.data.Datasets;
import org.atelier.core.data.Fold;
import org.atelier.core.data.LabeledData;
import org.atelier.core.data.Splits;
import org.atelier.core.testing.RealData;
import org.atelier.core.trial.DataSpec;
import org.atelier.core.trial.DataSplits;
import org.atelier.core.trial.TrialRegistry;
import org.junit.jupiter.api.Test;

/** The splits of a search: plain k-fold, the forms of {@code cv}, and the MNIST recipe's folds on real data. */
class CrossValidationTest {

    @Test
    void plainKFoldHoldsEverySampleOutOnceInFoldsThatDifferByAtMostOne() {
        LabeledData data = new LabeledData("d", new Shape(1), new float[10], new int[10], List.of("a", "b"));
        List<Fold> folds = Splits.kFold(data, 3, 1);
        assertEquals(List.of(4, 3, 3), folds.stream().map(f -> f.testIndices().length).toList());
        int[] heldOut = folds.stream().flatMapToInt(f -> Arrays.stream(f.testIndices())).sorted().toArray();
        assertEquals(IntStream.range(0, 10).boxed().toList(), Arrays.stream(heldOut).boxed().toList());
        for (Fold fold : folds) {
            assertEquals(10, fold.trainIndices().length + fold.testIndices().length);
        }
        assertTrue(folds.stream().anyMatch(f -> f.testIndices()[f.testIndices().length - 1] - f.testIndices()[0]
                >= f.testIndices().length), "shuffled, not consecutive blocks");
    }

    @Test
    void cvIsReadInItsFourForms() {
        assertEquals(CrossValidation.stratifiedKFold(5), CrossValidation.parse("5"));
        assertEquals(CrossValidation.stratifiedKFold(3), CrossValidation.parse("stratified:3"));
        assertEquals(CrossValidation.kFold(4), CrossValidation.parse("KFold:4"));
        assertEquals(CrossValidation.holdOut(0.2), CrossValidation.parse("holdout:0.2"));
        for (String bad : List.of("1", "holdout:1.5", "loo", "kfold:x")) {
            AtelierException e = assertThrows(AtelierException.class, () -> CrossValidation.parse(bad));
            assertTrue(e.getMessage().startsWith("cv '" + bad + "' is not understood; use K"), e.getMessage());
        }
    }

    @Test
    void theMnistRecipesFoldsPartitionThePoolAndKeepClassShares() {
        DataSpec pool = DataSpec.of("mnist").with("smoke", true).with("standardize", "none").with("splitSeed", 7);
        List<DataSpec> splits = CrossValidation.stratifiedKFold(3).splits(pool);
        assertEquals(3, splits.size());
        Map<Integer, Integer> heldOut = new HashMap<>();
        List<Integer> sizes = new ArrayList<>();
        for (DataSpec split : splits) {
            DataSplits data = TrialRegistry.instance().data("mnist").load(split.args(), RealData.locator(Datasets.MNIST));
            assertEquals(600, data.train().size() + data.validation().size(), "the smoke pool is 600 images");
            sizes.add(data.validation().size());
            for (int i = 0; i < data.validation().size(); i++) {
                heldOut.merge(sampleHash(data.validation(), i), 1, Integer::sum);
            }
            int[] all = data.validation().classCounts();
            int[] train = data.train().classCounts();
            for (int c = 0; c < all.length; c++) {
                // stratified: each class's held-out count is within one of a third of its pool count
                assertEquals((all[c] + train[c]) / 3.0, all[c], 1.0, "class " + c);
            }
        }
        assertEquals(List.of(200, 200, 200), sizes);
        assertEquals(600, heldOut.size(), "every pool image is held out once (MNIST's first 600 are distinct)");
        assertTrue(heldOut.values().stream().allMatch(n -> n == 1));

        DataSplits refit = TrialRegistry.instance().data("mnist").load(CrossValidation.stratifiedKFold(3).refit(pool).args(),
                RealData.locator(Datasets.MNIST));
        assertEquals(600, refit.train().size(), "the refit trains on the whole pool");
        assertEquals(null, refit.validation());
    }

    @Test
    void foldsWithAValidationShareAreRefused() {
        DataSpec bad = DataSpec.of("mnist").with("smoke", true).with("folds", 3).with("fold", 0);
        AtelierException e = assertThrows(AtelierException.class,
                () -> TrialRegistry.instance().data("mnist").load(bad.args(), RealData.locator(Datasets.MNIST)));
        assertEquals("data recipe mnist: folds and a validation share exclude each other; set validation=0 with folds",
                e.getMessage());
    }

    private static int sampleHash(LabeledData data, int index) {
        int n = data.featureCount();
        return Arrays.hashCode(Arrays.copyOfRange(data.featureValues(), index * n, (index + 1) * n));
    }
}
