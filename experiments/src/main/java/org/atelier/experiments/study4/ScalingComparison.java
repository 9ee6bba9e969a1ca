package org.atelier.experiments.study4;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.atelier.core.data.Fold;
import org.atelier.core.data.LabeledData;
import org.atelier.core.data.Standardizer;
import org.atelier.core.data.TrainValidation;
import org.atelier.core.evaluation.Classifier;
import org.atelier.core.evaluation.CrossValidation;
import org.atelier.core.evaluation.HoldOut;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Each classifier under three ways of scaling, on the same split and the same folds: standardized
 * with statistics of the training part only (correct), with statistics of all wines, held-out ones
 * included (the leak), and not at all; plus how far the leaked statistics are from the correct ones.
 *
 * @param rows one row per classifier and regime, classifier by classifier
 * @param meanShift the largest |mean of all wines − mean of the training part| over the features, in training standard deviations
 * @param stdChange the largest |std of all wines / std of the training part − 1| over the features
 */
record ScalingComparison(List<Row> rows, double meanShift, double stdChange) {

    /** How the features are scaled. */
    enum Regime {
        TRAIN_ONLY("fitted on the training part"),
        LEAKED("fitted on all wines (leak)"),
        NONE("none");

        final String label;

        Regime(String label) {
            this.label = label;
        }
    }

    /**
     * One classifier under one regime.
     *
     * @param classifier its name
     * @param regime the scaling
     * @param holdOut its scores on the split
     * @param cv its scores on the folds
     */
    record Row(String classifier, Regime regime, HoldOut holdOut, CrossValidation cv) {}

    /**
     * Fits and scores every classifier under every regime.
     *
     * @param data all wines, unscaled
     * @param heldOut the train/test split's indices
     * @param folds the cross-validation folds
     * @param classifiers the classifiers, without scaling of their own
     * @param progress where one line per classifier and regime goes
     * @return the comparison
     */
    static ScalingComparison run(LabeledData data, Fold heldOut, List<List<Fold>> folds, List<Classifier> classifiers,
            PrintStream progress) {
        LabeledData leaked = Standardizer.fit(data, Standardizer.Mode.PER_FEATURE).apply(data);
        TrainValidation split = heldOut.split(data);
        TrainValidation leakedSplit = heldOut.split(leaked);
        List<Row> rows = new ArrayList<>();
        int fits = 1 + folds.stream().mapToInt(List::size).sum();
        for (Classifier classifier : classifiers) {
            progress.printf("wine-evaluation: %s, three scalings, %d fits each%n", classifier.name(), fits);
            Classifier scaled = classifier.standardized();
            rows.add(new Row(classifier.name(), Regime.TRAIN_ONLY, HoldOut.of(scaled, split),
                    CrossValidation.run(scaled, data, folds)));
            rows.add(new Row(classifier.name(), Regime.LEAKED, HoldOut.of(classifier, leakedSplit),
                    CrossValidation.run(classifier, leaked, folds)));
            rows.add(new Row(classifier.name(), Regime.NONE, HoldOut.of(classifier, split),
                    CrossValidation.run(classifier, data, folds)));
        }
        Standardizer correct = Standardizer.fit(split.train(), Standardizer.Mode.PER_FEATURE);
        Standardizer all = Standardizer.fit(data, Standardizer.Mode.PER_FEATURE);
        double meanShift = 0;
        double stdChange = 0;
        for (int j = 0; j < data.featureCount(); j++) {
            meanShift = Math.max(meanShift, Math.abs(all.mean()[j] - correct.mean()[j]) / correct.std()[j]);
            stdChange = Math.max(stdChange, Math.abs(all.std()[j] / correct.std()[j] - 1));
        }
        return new ScalingComparison(List.copyOf(rows), meanShift, stdChange);
    }

    /** The row of a classifier under a regime. */
    Row row(String classifier, Regime regime) {
        return rows.stream().filter(r -> r.classifier().equals(classifier) && r.regime() == regime).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no scaling row for " + classifier + ", " + regime));
    }

    /** The classifier's scores with correct scaling. */
    Row properly(String classifier) {
        return row(classifier, Regime.TRAIN_ONLY);
    }

    /** {@code classifier, scaling, train_accuracy, test_accuracy, cv_accuracy_mean, cv_accuracy_std} (repeated CV). */
    Table table() {
        return Table.create("scaling",
                StringColumn.create("classifier", rows.stream().map(Row::classifier)),
                StringColumn.create("scaling", rows.stream().map(r -> r.regime().label)),
                DoubleColumn.create("train_accuracy", rows.stream().mapToDouble(r -> r.holdOut().trainAccuracy())),
                DoubleColumn.create("test_accuracy", rows.stream().mapToDouble(r -> r.holdOut().testAccuracy())),
                DoubleColumn.create("cv_accuracy_mean", rows.stream().mapToDouble(r -> r.cv().all().mean())),
                DoubleColumn.create("cv_accuracy_std", rows.stream().mapToDouble(r -> r.cv().all().std())));
    }
}
