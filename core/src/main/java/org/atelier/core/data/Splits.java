package org.atelier.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Stratified, seeded splits: every part keeps the class proportions of the whole, and the same
 * seed always gives the same split (the shuffle uses {@link Random}, whose sequence Java fixes).
 */
public final class Splits {

    private Splits() {}

    /**
     * Holds out the same fraction of every class.
     *
     * <p>Each class contributes {@code round(classCount × validationFraction)} randomly chosen
     * samples to the validation part and the rest to the training part; both parts keep the
     * original sample order, so a split of sorted data stays sorted.
     *
     * @param data the dataset to split
     * @param validationFraction the share held out, in {@code (0, 1)}
     * @param seed the shuffle seed
     * @return the parts, named {@code NAME/train} and {@code NAME/validation}
     */
    public static TrainValidation stratified(LabeledData data, double validationFraction, long seed) {
        Fold fold = stratifiedHoldOut(data, validationFraction, seed);
        return new TrainValidation(data.subset(fold.trainIndices(), data.name() + "/train"),
                data.subset(fold.testIndices(), data.name() + "/validation"));
    }

    /**
     * The indices of {@link #stratified}'s split, as one fold: for taking the same samples from
     * another version of the data (e.g. differently scaled features with the same labels).
     *
     * @param data the dataset to split; only its labels are read
     * @param validationFraction the share held out, in {@code (0, 1)}
     * @param seed the shuffle seed
     * @return fold 0, its test indices the held-out samples, both index lists ascending
     */
    public static Fold stratifiedHoldOut(LabeledData data, double validationFraction, long seed) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction " + validationFraction + " is not in (0, 1)");
        }
        boolean[] heldOut = new boolean[data.size()];
        for (int[] members : shuffledByClass(data, seed)) {
            long take = Math.round(members.length * validationFraction);
            for (int i = 0; i < take; i++) {
                heldOut[members[i]] = true;
            }
        }
        int[] validation = IntStream.range(0, heldOut.length).filter(i -> heldOut[i]).toArray();
        int[] train = IntStream.range(0, heldOut.length).filter(i -> !heldOut[i]).toArray();
        return new Fold(0, train, validation);
    }

    /**
     * Holds out a random fraction of the samples regardless of their class: the split that {@link
     * #stratified} improves on. On small data its parts' class proportions drift from the whole's
     * (a class can even miss a part), which is why it is here: to show that drift.
     *
     * @param data the dataset to split
     * @param validationFraction the share held out, in {@code (0, 1)}; {@code round(N × fraction)} samples
     * @param seed the shuffle seed
     * @return the parts, named {@code NAME/train} and {@code NAME/validation}, in the original sample order
     */
    public static TrainValidation random(LabeledData data, double validationFraction, long seed) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction " + validationFraction + " is not in (0, 1)");
        }
        int[] order = IntStream.range(0, data.size()).toArray();
        shuffle(order, new Random(seed));
        boolean[] heldOut = new boolean[data.size()];
        long take = Math.round(data.size() * validationFraction);
        for (int i = 0; i < take; i++) {
            heldOut[order[i]] = true;
        }
        int[] validation = IntStream.range(0, heldOut.length).filter(i -> heldOut[i]).toArray();
        int[] train = IntStream.range(0, heldOut.length).filter(i -> !heldOut[i]).toArray();
        return new TrainValidation(data.subset(train, data.name() + "/train"), data.subset(validation, data.name() + "/validation"));
    }

    /**
     * Stratified k-fold cross-validation: the samples of each class, shuffled, are dealt to the
     * folds in turn, so every fold holds {@code floor} or {@code ceil} of {@code classCount / k}
     * of each class, and fold sizes differ by at most one. Every sample is held out exactly once.
     *
     * @param data the dataset to split
     * @param k the number of folds, at least 2 and at most the number of samples
     * @param seed the shuffle seed
     * @return the {@code k} folds in order
     */
    public static List<Fold> stratifiedKFold(LabeledData data, int k, long seed) {
        if (k < 2 || k > data.size()) {
            throw new IllegalArgumentException("k = " + k + " folds is not in [2, " + data.size() + "]");
        }
        int[] foldOf = new int[data.size()];
        int next = 0; // carried across classes so that the folds' total sizes stay balanced
        for (int[] members : shuffledByClass(data, seed)) {
            for (int member : members) {
                foldOf[member] = next;
                next = (next + 1) % k;
            }
        }
        return folds(foldOf, k);
    }

    /** The folds of an assignment of samples to folds, both index lists ascending. */
    private static List<Fold> folds(int[] foldOf, int k) {
        List<Fold> folds = new ArrayList<>(k);
        for (int fold = 0; fold < k; fold++) {
            int f = fold;
            int[] test = IntStream.range(0, foldOf.length).filter(i -> foldOf[i] == f).toArray();
            int[] train = IntStream.range(0, foldOf.length).filter(i -> foldOf[i] != f).toArray();
            folds.add(new Fold(fold, train, test));
        }
        return List.copyOf(folds);
    }

    /**
     * Plain k-fold cross-validation, as scikit-learn's {@code KFold(k, shuffle=True)}: the sample
     * indices are shuffled once and cut into {@code k} consecutive blocks, the first {@code n mod k}
     * one sample larger. Classes are not balanced across folds; use {@link #stratifiedKFold} for
     * that. Every sample is held out exactly once.
     *
     * @param data the dataset to split
     * @param k the number of folds, at least 2 and at most the number of samples
     * @param seed the shuffle seed
     * @return the {@code k} folds in order
     */
    public static List<Fold> kFold(LabeledData data, int k, long seed) {
        if (k < 2 || k > data.size()) {
            throw new IllegalArgumentException("k = " + k + " folds is not in [2, " + data.size() + "]");
        }
        int[] order = IntStream.range(0, data.size()).toArray();
        shuffle(order, new Random(seed));
        int[] foldOf = new int[data.size()];
        int start = 0;
        for (int fold = 0; fold < k; fold++) {
            int size = data.size() / k + (fold < data.size() % k ? 1 : 0);
            for (int i = start; i < start + size; i++) {
                foldOf[order[i]] = fold;
            }
            start += size;
        }
        return folds(foldOf, k);
    }

    /**
     * Repeated stratified k-fold cross-validation: {@link #stratifiedKFold} {@code repeats} times,
     * each time with another shuffle, so that an estimate can be averaged over the ways of dealing
     * the samples to folds instead of depending on one of them (scikit-learn's {@code
     * RepeatedStratifiedKFold}). The shuffle seeds of the repetitions are drawn from one {@link
     * Random} seeded with {@code seed}; repetition 0 is therefore not {@code stratifiedKFold(data,
     * k, seed)}.
     *
     * @param data the dataset to split
     * @param k the number of folds per repetition, at least 2 and at most the number of samples
     * @param repeats the number of repetitions, at least 1
     * @param seed the seed of the repetitions' shuffle seeds
     * @return one list of {@code k} folds per repetition; within a repetition every sample is held out once
     */
    public static List<List<Fold>> repeatedStratifiedKFold(LabeledData data, int k, int repeats, long seed) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats = " + repeats + " is not at least 1");
        }
        Random seeds = new Random(seed);
        List<List<Fold>> repetitions = new ArrayList<>(repeats);
        for (int r = 0; r < repeats; r++) {
            repetitions.add(stratifiedKFold(data, k, seeds.nextLong()));
        }
        return List.copyOf(repetitions);
    }

    /** The sample indices of each class, each class's list shuffled with one generator seeded once. */
    private static int[][] shuffledByClass(LabeledData data, long seed) {
        int[] counts = data.classCounts();
        int[][] byClass = new int[counts.length][];
        for (int c = 0; c < counts.length; c++) {
            byClass[c] = new int[counts[c]];
        }
        int[] filled = new int[counts.length];
        int[] labels = data.labels();
        for (int i = 0; i < labels.length; i++) {
            byClass[labels[i]][filled[labels[i]]++] = i;
        }
        Random random = new Random(seed);
        for (int[] members : byClass) {
            shuffle(members, random);
        }
        return byClass;
    }

    /** Fisher–Yates shuffle in place. */
    private static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
