package org.atelier.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitsTest {

    /** Unbalanced classes (101, 37, 12 samples) in a mixed order; each sample's one feature is its index. */
    private static LabeledData unbalanced() {
        int[] counts = {101, 37, 12};
        int n = Arrays.stream(counts).sum();
        int[] labels = new int[n];
        int[] left = counts.clone();
        for (int i = 0, c = 0; i < n; c = (c + 1) % counts.length) {
            if (left[c] > 0) {
                left[c]--;
                labels[i++] = c;
            }
        }
        float[] features = new float[n];
        for (int i = 0; i < n; i++) {
            features[i] = i;
        }
        return new LabeledData("u", new Shape(1), features, labels, List.of("a", "b", "c"));
    }

    @Test
    void stratifiedHoldsOutTheFractionOfEveryClass() {
        LabeledData data = unbalanced();
        TrainValidation split = Splits.stratified(data, 0.2, 7);
        int[] all = data.classCounts();
        int[] validation = split.validation().classCounts();
        int[] train = split.train().classCounts();
        for (int c = 0; c < all.length; c++) {
            assertTrue(Math.abs(validation[c] - all[c] * 0.2) <= 1, "class " + c + ": " + validation[c] + " of " + all[c]);
            assertEquals(all[c], validation[c] + train[c]);
        }
        assertEquals("u/train", split.train().name());
        assertEquals("u/validation", split.validation().name());
    }

    @Test
    void stratifiedIsDisjointCompleteAndKeepsLabelsWithFeatures() {
        LabeledData data = unbalanced();
        TrainValidation split = Splits.stratified(data, 0.3, 11);
        int[] ids = IntStream.concat(ids(split.train()), ids(split.validation())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, data.size()).toArray(), ids);
        for (LabeledData part : List.of(split.train(), split.validation())) {
            for (int i = 0; i < part.size(); i++) {
                assertEquals(data.labels()[(int) part.featureValues()[i]], part.labels()[i]);
            }
        }
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        LabeledData data = unbalanced();
        int[] first = ids(Splits.stratified(data, 0.25, 42).validation()).toArray();
        assertArrayEquals(first, ids(Splits.stratified(data, 0.25, 42).validation()).toArray());
        assertFalse(Arrays.equals(first, ids(Splits.stratified(data, 0.25, 43).validation()).toArray()));
    }

    @Test
    void rejectsFractionsOutsideTheOpenUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> Splits.stratified(unbalanced(), 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Splits.stratified(unbalanced(), 1, 1));
    }

    @Test
    void kFoldHoldsOutEverySampleOnceWithBalancedClasses() {
        LabeledData data = unbalanced();
        int k = 5;
        List<Fold> folds = Splits.stratifiedKFold(data, k, 3);
        assertEquals(k, folds.size());
        int[] timesHeldOut = new int[data.size()];
        for (Fold fold : folds) {
            Arrays.stream(fold.testIndices()).forEach(i -> timesHeldOut[i]++);
            assertEquals(data.size(), fold.trainIndices().length + fold.testIndices().length);
            assertTrue(Arrays.stream(fold.trainIndices()).noneMatch(i -> Arrays.binarySearch(fold.testIndices(), i) >= 0));
            TrainValidation parts = fold.split(data);
            int[] held = parts.validation().classCounts();
            int[] all = data.classCounts();
            for (int c = 0; c < all.length; c++) {
                assertTrue(held[c] == all[c] / k || held[c] == (all[c] + k - 1) / k, "fold " + fold.index() + " class " + c + ": " + held[c]);
            }
            assertEquals("u/fold" + fold.index() + "/validation", parts.validation().name());
        }
        assertTrue(Arrays.stream(timesHeldOut).allMatch(t -> t == 1));
        int[] sizes = folds.stream().mapToInt(f -> f.testIndices().length).toArray();
        assertTrue(Arrays.stream(sizes).max().getAsInt() - Arrays.stream(sizes).min().getAsInt() <= 1, Arrays.toString(sizes));
        assertArrayEquals(folds.get(2).testIndices(), Splits.stratifiedKFold(data, k, 3).get(2).testIndices());
    }

    @Test
    void repeatedKFoldReshufflesEachRepetition() {
        LabeledData data = unbalanced();
        List<List<Fold>> repetitions = Splits.repeatedStratifiedKFold(data, 4, 3, 9);
        assertEquals(3, repetitions.size());
        for (List<Fold> folds : repetitions) {
            assertEquals(4, folds.size());
            int[] timesHeldOut = new int[data.size()];
            folds.forEach(f -> Arrays.stream(f.testIndices()).forEach(i -> timesHeldOut[i]++));
            assertTrue(Arrays.stream(timesHeldOut).allMatch(t -> t == 1), "each repetition is a partition");
        }
        assertFalse(Arrays.equals(repetitions.get(0).get(0).testIndices(), repetitions.get(1).get(0).testIndices()),
                "another shuffle per repetition");
        assertArrayEquals(repetitions.get(2).get(1).testIndices(),
                Splits.repeatedStratifiedKFold(data, 4, 3, 9).get(2).get(1).testIndices(), "same seed, same folds");
        assertThrows(IllegalArgumentException.class, () -> Splits.repeatedStratifiedKFold(data, 4, 0, 9));
    }

    @Test
    void holdOutIndicesAreTheStratifiedSplit() {
        LabeledData data = unbalanced();
        Fold fold = Splits.stratifiedHoldOut(data, 0.2, 7);
        TrainValidation split = Splits.stratified(data, 0.2, 7);
        assertArrayEquals(ids(split.validation()).toArray(), fold.testIndices());
        assertArrayEquals(ids(split.train()).toArray(), fold.trainIndices());
    }

    @Test
    void randomSplitIgnoresClasses() {
        LabeledData data = unbalanced();
        TrainValidation split = Splits.random(data, 0.2, 4);
        assertEquals(Math.round(data.size() * 0.2), split.validation().size());
        assertEquals(data.size(), split.train().size() + split.validation().size());
        assertEquals(data.size(), IntStream.concat(ids(split.train()), ids(split.validation())).distinct().count());
        // over many seeds the held-out share of the smallest class wanders; stratified it never does
        boolean drifts = IntStream.range(0, 50).anyMatch(seed ->
                Splits.random(data, 0.2, seed).validation().classCounts()[2] != Math.round(12 * 0.2));
        assertTrue(drifts, "a random split does not keep class proportions");
    }

    private static IntStream ids(LabeledData part) {
        float[] values = part.featureValues();
        return IntStream.range(0, values.length).map(i -> (int) values[i]);
    }
}
