package org.atelier.experiments.study4;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.atelier.core.AtelierException;
import org.atelier.core.report.chart.Figure;
import org.atelier.core.report.chart.RankingChart;
import org.atelier.core.study.CaseRuns;
import org.atelier.core.trial.TrialResult;
import org.atelier.core.trial.TrialSpec;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The ablation of the MLP recipe: each row is the final recipe with one ingredient removed or
 * replaced, trained from a few seeds for a shorter budget than the final model (the cosine
 * schedule compressed into it), next to the full recipe at the same budget, so that a row's
 * difference from {@code full} is what that one ingredient contributes at that budget.
 *
 * @param epochs the epochs of every row
 * @param rows the rows, {@code full} first
 */
record MlpAblation(int epochs, List<Row> rows) {

    /** The full recipe's row name. */
    static final String FULL = "full";

    /**
     * One row.
     *
     * @param name its name, also its metrics' suffix, e.g. {@code no_dropout}
     * @param change what differs from the recipe, in words
     * @param recipe the recipe it trains
     * @param runs its seeds' runs
     * @param trained whether the row trained models of its own (else it re-evaluated the full row's)
     */
    record Row(String name, String change, MlpRecipe recipe, CaseRuns runs, boolean trained) {}

    /**
     * A planned row: its name, its change in words, and how it derives from the recipe; a row
     * whose change leaves the training as it is ({@code evaluatedFromFull}) trains nothing and
     * reads its results from the full row's trials.
     *
     * @param name the row's name
     * @param change what differs from the recipe, in words
     * @param derive the row's recipe from the final one
     * @param evaluatedFromFull null for a row that trains, else its results from a full-row result
     *     (e.g. {@link TrialResult#unflipped()}: the same models evaluated without test-time flipping)
     */
    record Variant(String name, String change, UnaryOperator<MlpRecipe> derive,
            UnaryOperator<TrialResult> evaluatedFromFull) {

        Variant(String name, String change, UnaryOperator<MlpRecipe> derive) {
            this(name, change, derive, null);
        }

        /** Whether the row trains models of its own. */
        boolean trains() {
            return evaluatedFromFull == null;
        }
    }

    /** Every variant the ablation knows, in the table's order. */
    static final List<Variant> VARIANTS = List.of(
            new Variant(FULL, "the recipe, nothing removed", UnaryOperator.identity()),
            new Variant("no_augmentation", "no augmentation in training (and so no flip at test time)",
                    MlpRecipe::withoutAugmentation),
            new Variant("no_test_time_flip", "test images predicted as they are, not averaged with their mirror images"
                    + " (the full row's models)", MlpRecipe::withoutTestTimeFlip, TrialResult::unflipped),
            new Variant("no_dropout", "no dropout", MlpRecipe::withoutDropout),
            new Variant("no_batch_norm", "no batch normalization", MlpRecipe::withoutBatchNorm),
            new Variant("no_label_smoothing", "no label smoothing (plain cross-entropy)", MlpRecipe::withoutLabelSmoothing),
            new Variant("no_weight_decay", "no weight decay (Adam instead of AdamW)", MlpRecipe::withoutWeightDecay),
            new Variant("fixed_rate", "fixed learning rate instead of warm-up and cosine decay", MlpRecipe::withFixedRate),
            new Variant("sgd", "plain SGD (rate " + MlpRecipe.SGD_RATE + ") instead of Adam", MlpRecipe::withSgd),
            new Variant("one_layer", "one hidden layer instead of the recipe's", MlpRecipe::shallower),
            new Variant("narrow", "each hidden layer a quarter as wide", MlpRecipe::narrower),
            new Variant("plain_256", "study 1's kind of MLP: 784-256-10, Adam 0.001, batch 64, no other ingredient",
                    r -> MlpRecipe.plain(256)));

    /** The names of {@link #VARIANTS}. */
    static List<String> names() {
        return VARIANTS.stream().map(Variant::name).toList();
    }

    /**
     * The variants a parameter names: {@code all}, {@code none}, or names joined by commas ({@code
     * full} is always added first, as the reference).
     *
     * A row that would not change the recipe ({@code no_test_time_flip} when the recipe does not
     * flip) is left out.
     *
     * @param selection the parameter's value
     * @param recipe the final recipe
     * @return the variants, in the table's order; empty for {@code none}
     */
    static List<Variant> select(String selection, MlpRecipe recipe) {
        String text = selection.strip();
        if (text.equals("none")) {
            return List.of();
        }
        if (text.equals("all")) {
            return applicable(VARIANTS, recipe);
        }
        List<String> wanted = new ArrayList<>(List.of(FULL));
        for (String part : text.split(",")) {
            String name = part.strip();
            if (!names().contains(name)) {
                throw new AtelierException("ablation: unknown row '" + name + "'; use all, none or names from "
                        + String.join(", ", names()) + ", separated by commas");
            }
            wanted.add(name);
        }
        return applicable(VARIANTS.stream().filter(v -> wanted.contains(v.name())).toList(), recipe);
    }

    private static List<Variant> applicable(List<Variant> variants, MlpRecipe recipe) {
        return variants.stream().filter(v -> v.name().equals(FULL) || !v.derive().apply(recipe).equals(recipe)).toList();
    }

    /**
     * The trials of the planned rows, row after row, seed after seed.
     *
     * @param variants the rows
     * @param recipe the final recipe they derive from
     * @param epochs each row's epochs
     * @param seeds the seeds
     * @param trial builds one trial: id, recipe, epochs, seed
     * @return the specs
     */
    static List<TrialSpec> trials(List<Variant> variants, MlpRecipe recipe, int epochs, List<Long> seeds,
            TrialFactory trial) {
        List<TrialSpec> specs = new ArrayList<>();
        for (Variant variant : variants.stream().filter(Variant::trains).toList()) {
            MlpRecipe derived = variant.derive().apply(recipe);
            for (long seed : seeds) {
                specs.add(trial.create("ablation-" + variant.name().replace('_', '-') + "-seed-" + seed, derived,
                        epochs, seed));
            }
        }
        return specs;
    }

    /** Builds one trial. */
    interface TrialFactory {
        /** The trial {@code id} training {@code recipe} for {@code epochs} from {@code seed}. */
        TrialSpec create(String id, MlpRecipe recipe, int epochs, long seed);
    }

    /**
     * Gathers the rows from the trials' results.
     *
     * @param variants the rows, as planned
     * @param recipe the final recipe
     * @param epochs each row's epochs
     * @param seeds the seeds
     * @param results the results, in the order of {@link #trials}
     * @return the ablation
     */
    static MlpAblation of(List<Variant> variants, MlpRecipe recipe, int epochs, List<Long> seeds,
            List<TrialResult> results) {
        List<Row> rows = new ArrayList<>();
        List<TrialResult> full = results.subList(0, seeds.size());
        int next = 0;
        for (Variant variant : variants) {
            List<TrialResult> own;
            if (variant.trains()) {
                own = results.subList(next, next + seeds.size());
                next += seeds.size();
            } else {
                own = full.stream().map(variant.evaluatedFromFull()).toList();
            }
            rows.add(new Row(variant.name(), variant.change(), variant.derive().apply(recipe),
                    CaseRuns.of(variant.name(), seeds, own), variant.trains()));
        }
        return new MlpAblation(epochs, rows);
    }

    /** The full recipe's row. */
    Row full() {
        return rows.get(0);
    }

    /** The rows other than {@code full}. */
    List<Row> changes() {
        return rows.subList(1, rows.size());
    }

    /** Each row's mean test accuracy minus the full recipe's, in percentage points. */
    Map<String, Double> differencePoints() {
        Map<String, Double> points = new LinkedHashMap<>();
        double full = full().runs().finalTestAccuracy().mean();
        // rounded to 1e-9 points: a difference of float noise would otherwise print as 7e-07
        rows.forEach(r -> points.put(r.name(), Math.rint(1e11 * (r.runs().finalTestAccuracy().mean() - full)) / 1e9));
        return points;
    }

    /** The row whose change costs the most accuracy (the most important ingredient at this budget). */
    Row mostImportant() {
        return changes().stream().min((a, b) -> Double.compare(a.runs().finalTestAccuracy().mean(),
                b.runs().finalTestAccuracy().mean())).orElseThrow();
    }

    /**
     * The rows ranked by their mean test accuracy, each ± its seeds' standard deviation, the full
     * recipe in its own colour: which change costs most is read from top to bottom.
     *
     * @return the figure
     */
    Figure ranking() {
        String fullGroup = "the full recipe";
        String changed = "one ingredient removed or replaced";
        RankingChart.Builder chart = RankingChart.builder()
                .title("Ablation, " + MlpRecipe.epochs(epochs) + " per row: test accuracy after the last epoch")
                .groups(fullGroup, changed)
                .xLabel("test accuracy (%, mean ± std over " + MlpRecipe.seeds(full().runs().seeds().size()) + ")")
                .size(1000, 120 + 40 * rows.size());
        rows.stream().sorted(Comparator.comparingDouble((Row r) -> -r.runs().finalTestAccuracy().mean()))
                .forEach(r -> chart.entry(r.name().equals(FULL) ? fullGroup : changed, r.name(),
                        100 * r.runs().finalTestAccuracy().mean(), 100 * r.runs().finalTestAccuracy().std()));
        return chart.build();
    }

    /**
     * One row per variant: {@code row, change, seeds, epochs, test_accuracy_mean, test_accuracy_std,
     * difference_points, seconds_per_epoch, training_seconds}.
     */
    Table table() {
        Map<String, Double> difference = differencePoints();
        return Table.create("ablation",
                StringColumn.create("row", rows.stream().map(Row::name).toList()),
                StringColumn.create("change", rows.stream().map(Row::change).toList()),
                IntColumn.create("seeds", rows.stream().mapToInt(r -> r.runs().seeds().size()).toArray()),
                IntColumn.create("epochs", rows.stream().mapToInt(r -> epochs).toArray()),
                DoubleColumn.create("test_accuracy_mean", rows.stream().mapToDouble(r -> r.runs().finalTestAccuracy().mean())),
                DoubleColumn.create("test_accuracy_std", rows.stream().mapToDouble(r -> r.runs().finalTestAccuracy().std())),
                DoubleColumn.create("difference_points", rows.stream().mapToDouble(r -> difference.get(r.name()))),
                DoubleColumn.create("seconds_per_epoch", rows.stream().mapToDouble(r -> r.runs().secondsPerEpoch())),
                DoubleColumn.create("training_seconds", rows.stream().mapToDouble(r -> r.runs().trainingSeconds().mean())));
    }
}
