package org.atelier.core.search;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.stream.Collectors;
import org.atelier.core.AtelierException;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The scores of every candidate of a search, as scikit-learn's {@code cv_results_}: per candidate
 * its parameters, the score of each split, their mean and standard deviation, its rank and the
 * mean and standard deviation of its trials' seconds.
 *
 * <p>As in sklearn: the mean is the plain average of the splits, the standard deviation the
 * population one ({@code np.std}, ddof 0; not {@code MeanStd}'s sample standard deviation), ranks
 * follow {@code scipy.stats.rankdata(-mean, method="min")} (tied candidates share the lowest rank,
 * the next rank skips), candidates whose mean is NaN (a failed split) rank last together, and the
 * best candidate is the first of rank 1. Checked against scikit-learn 1.2.1
 * ({@code rankdata(-np.array([0.9, 0.95, 0.95, 0.8, 0.9]), method="min")} → 3 1 1 5 3).
 *
 * @param candidates one row per candidate, in candidate order
 * @param scoring what the scores are
 */
public record CvResults(List<Candidate> candidates, Scoring scoring) {

    /**
     * One candidate's row.
     *
     * @param index its position in the search, from 0
     * @param params its parameters
     * @param splitScores the score of each split, NaN for a failed trial
     * @param meanScore the mean of the split scores (NaN if any is)
     * @param stdScore their population standard deviation
     * @param rank 1 for the best; ties share the lowest rank
     * @param meanFitTime the mean seconds of its trials
     * @param stdFitTime their population standard deviation
     */
    public record Candidate(int index, SortedMap<String, Object> params, List<Double> splitScores, double meanScore,
            double stdScore, int rank, double meanFitTime, double stdFitTime) {

        /** Copies the scores. */
        public Candidate {
            splitScores = List.copyOf(splitScores);
        }

        /** The parameters as sklearn prints them, e.g. {@code {batch_size: 32, learning_rate: 0.1}}. */
        public String paramsText() {
            return params.entrySet().stream().map(e -> e.getKey() + ": " + format(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
    }

    /** Copies the rows. */
    public CvResults {
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) {
            throw new AtelierException("a search needs at least one candidate");
        }
    }

    /**
     * Builds the rows from each candidate's split scores and seconds, ranking them.
     *
     * @param params each candidate's parameters
     * @param scores each candidate's split scores
     * @param seconds each candidate's split seconds
     * @param scoring what the scores are
     * @return the results
     */
    public static CvResults of(List<SortedMap<String, Object>> params, List<double[]> scores, List<double[]> seconds,
            Scoring scoring) {
        int n = params.size();
        double[] means = new double[n];
        for (int i = 0; i < n; i++) {
            means[i] = mean(scores.get(i));
        }
        int[] ranks = ranks(means);
        List<Candidate> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<Double> split = java.util.Arrays.stream(scores.get(i)).boxed().toList();
            rows.add(new Candidate(i, params.get(i), split, means[i], std(scores.get(i)), ranks[i],
                    mean(seconds.get(i)), std(seconds.get(i))));
        }
        return new CvResults(rows, scoring);
    }

    /** sklearn's ranking: {@code rankdata(-means, "min")}, NaN means set below the lowest so they rank last together. */
    static int[] ranks(double[] means) {
        double lowest = java.util.Arrays.stream(means).filter(m -> !Double.isNaN(m)).min().orElse(0);
        double[] filled = java.util.Arrays.stream(means).map(m -> Double.isNaN(m) ? lowest - 1 : m).toArray();
        int[] ranks = new int[means.length];
        for (int i = 0; i < means.length; i++) {
            int better = 0;
            for (double other : filled) {
                if (other > filled[i]) {
                    better++;
                }
            }
            ranks[i] = better + 1;
        }
        return ranks;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double std(double[] values) {
        double mean = mean(values);
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / values.length);
    }

    /** sklearn's {@code best_index_}: the first candidate of rank 1. */
    public int bestIndex() {
        return candidates.stream().filter(c -> c.rank() == 1).findFirst().orElseThrow().index();
    }

    /** The best candidate's row. */
    public Candidate best() {
        return candidates.get(bestIndex());
    }

    /** sklearn's {@code best_score_}: the best candidate's mean score. */
    public double bestScore() {
        return best().meanScore();
    }

    /** sklearn's {@code best_params_}. */
    public SortedMap<String, Object> bestParams() {
        return best().params();
    }

    /** The rows by rank, ties in candidate order. */
    public List<Candidate> ranked() {
        return candidates.stream().sorted(Comparator.comparingInt(Candidate::rank).thenComparingInt(Candidate::index))
                .toList();
    }

    /** The number of splits each candidate was scored on. */
    public int splits() {
        return candidates.get(0).splitScores().size();
    }

    /** The parameter names of all candidates, sorted. */
    public List<String> paramNames() {
        return candidates.stream().flatMap(c -> c.params().keySet().stream()).distinct().sorted().toList();
    }

    /**
     * The whole table, as sklearn's {@code pd.DataFrame(cv_results_)}, in candidate order: {@code
     * candidate}, {@code params}, {@code param_NAME} per parameter (a number column where every
     * candidate has a number), {@code splitI_test_score}, {@code mean_test_score}, {@code
     * std_test_score}, {@code rank_test_score}, {@code mean_fit_time}, {@code std_fit_time}.
     *
     * @return the table
     */
    public Table table() {
        Table table = Table.create("cv_results");
        table.addColumns(IntColumn.create("candidate", candidates.stream().mapToInt(Candidate::index).toArray()));
        table.addColumns(StringColumn.create("params", candidates.stream().map(Candidate::paramsText).toList()));
        for (String name : paramNames()) {
            List<Object> values = candidates.stream().map(c -> c.params().get(name)).toList();
            if (values.stream().allMatch(v -> v instanceof Integer)) {
                table.addColumns(IntColumn.create("param_" + name, values.stream().mapToInt(v -> (Integer) v).toArray()));
            } else if (values.stream().allMatch(v -> v instanceof Number)) {
                table.addColumns(DoubleColumn.create("param_" + name,
                        values.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray()));
            } else {
                table.addColumns(StringColumn.create("param_" + name, values.stream()
                        .map(v -> v == null ? "" : format(v)).toList()));
            }
        }
        for (int s = 0; s < splits(); s++) {
            int split = s;
            table.addColumns(DoubleColumn.create("split" + s + "_test_score",
                    candidates.stream().mapToDouble(c -> c.splitScores().get(split)).toArray()));
        }
        table.addColumns(DoubleColumn.create("mean_test_score", candidates.stream().mapToDouble(Candidate::meanScore).toArray()),
                DoubleColumn.create("std_test_score", candidates.stream().mapToDouble(Candidate::stdScore).toArray()),
                IntColumn.create("rank_test_score", candidates.stream().mapToInt(Candidate::rank).toArray()),
                DoubleColumn.create("mean_fit_time", candidates.stream().mapToDouble(Candidate::meanFitTime).toArray()),
                DoubleColumn.create("std_fit_time", candidates.stream().mapToDouble(Candidate::stdFitTime).toArray()));
        return table;
    }

    /**
     * The ranked table a reader wants: rank, the parameters (numbers to four significant digits),
     * the mean ± standard deviation of the splits' scores and the mean seconds per split.
     *
     * @param limit at most this many rows, the best first
     * @return the table
     */
    public Table rankedTable(int limit) {
        List<Candidate> rows = ranked().subList(0, Math.min(limit, candidates.size()));
        Table table = Table.create("ranked");
        table.addColumns(IntColumn.create("rank", rows.stream().mapToInt(Candidate::rank).toArray()),
                IntColumn.create("candidate", rows.stream().mapToInt(Candidate::index).toArray()));
        for (String name : paramNames()) {
            table.addColumns(StringColumn.create(name, rows.stream().map(c -> c.params().containsKey(name)
                    ? format(c.params().get(name)) : "").toList()));
        }
        table.addColumns(StringColumn.create("mean ± std " + scoring.scorerName(), rows.stream()
                .map(c -> String.format(Locale.ROOT, "%.4f ± %.4f", c.meanScore(), c.stdScore())).toList()),
                StringColumn.create("fit time (s)", rows.stream()
                        .map(c -> String.format(Locale.ROOT, "%.1f ± %.1f", c.meanFitTime(), c.stdFitTime())).toList()));
        return table;
    }

    /**
     * A parameter value as text: whole numbers as they are, other numbers to four significant digits
     * without trailing zeros, lists and strings as they print.
     *
     * @param value the value
     * @return the text
     */
    public static String format(Object value) {
        if (value instanceof Double d && Double.isFinite(d)) {
            if (d == Math.rint(d) && Math.abs(d) < 1e7) {
                return String.valueOf((long) (double) d);
            }
            String text = new BigDecimal(String.format(Locale.ROOT, "%.4g", d)).stripTrailingZeros().toPlainString();
            return Math.abs(d) < 1e-4 ? String.format(Locale.ROOT, "%.3e", d) : text;
        }
        return String.valueOf(value);
    }
}
