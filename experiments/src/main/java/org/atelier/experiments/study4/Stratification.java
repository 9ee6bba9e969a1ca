package org.atelier.experiments.study4;

import java.util.Arrays;
import org.atelier.core.data.LabeledData;
import org.atelier.core.data.Splits;
import org.atelier.core.data.TrainValidation;
import org.atelier.core.stats.MeanStd;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What stratifying the split buys: the class shares of the whole data, of the stratified training
 * and test parts and of one random split's parts with the same seed, and over many random splits
 * how far the test part's class shares drift from the whole's.
 *
 * @param data the whole data
 * @param stratified the stratified split
 * @param random a random split of the same size and seed
 * @param stratifiedDeviation the stratified test part's largest class-share deviation from the whole, in shares
 * @param randomDeviations the same deviation for each random split (seeds {@code seed, seed + 1, …})
 */
record Stratification(LabeledData data, TrainValidation stratified, TrainValidation random, double stratifiedDeviation,
        double[] randomDeviations) {

    static Stratification of(LabeledData data, TrainValidation stratified, double testFraction, int randomSplits,
            long seed) {
        double[] deviations = new double[randomSplits];
        for (int i = 0; i < randomSplits; i++) {
            deviations[i] = deviation(data, Splits.random(data, testFraction, seed + i).validation());
        }
        return new Stratification(data, stratified, Splits.random(data, testFraction, seed),
                deviation(data, stratified.validation()), deviations);
    }

    /** The largest |share of class c in the part − share in the whole| over the classes. */
    private static double deviation(LabeledData whole, LabeledData part) {
        double[] expected = shares(whole);
        double[] actual = shares(part);
        double most = 0;
        for (int c = 0; c < expected.length; c++) {
            most = Math.max(most, Math.abs(actual[c] - expected[c]));
        }
        return most;
    }

    static double[] shares(LabeledData data) {
        return Arrays.stream(data.classCounts()).mapToDouble(n -> (double) n / data.size()).toArray();
    }

    /** Mean and std of the random splits' deviations. */
    MeanStd randomDeviation() {
        return MeanStd.of(randomDeviations);
    }

    /** The largest deviation any random split showed. */
    double worstRandomDeviation() {
        return Arrays.stream(randomDeviations).max().orElseThrow();
    }

    /** The share of random splits whose test part deviates more than the stratified one by at least one sample's share. */
    double shareOfRandomSplitsWorse() {
        double oneSample = 1.0 / stratified.validation().size();
        return (double) Arrays.stream(randomDeviations).filter(d -> d > stratifiedDeviation + oneSample / 2).count()
                / randomDeviations.length;
    }

    /** One row per class: counts and shares in the whole, the stratified parts and the random parts. */
    Table table() {
        Table table = Table.create("class shares", StringColumn.create("class", data.classNames()),
                IntColumn.create("all", data.classCounts()), DoubleColumn.create("all_share", shares(data)));
        add(table, "stratified_train", stratified.train());
        add(table, "stratified_test", stratified.validation());
        add(table, "random_train", random.train());
        add(table, "random_test", random.validation());
        return table;
    }

    private static void add(Table table, String name, LabeledData part) {
        table.addColumns(IntColumn.create(name, part.classCounts()), DoubleColumn.create(name + "_share", shares(part)));
    }
}
