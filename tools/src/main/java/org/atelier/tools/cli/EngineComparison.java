package org.atelier.tools.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.atelier.core.experiment.ExperimentRunner;
import org.atelier.core.report.MarkdownTable;
import org.atelier.core.report.Summary;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The side-by-side table of one experiment's runs on several engines: duration, seconds per
 * epoch, peak resident memory, then every other metric all runs recorded.
 */
final class EngineComparison {

    /** The run's wall-clock time, taken from summary.json's {@code duration_s}. */
    static final String DURATION = "duration_s";

    /** Rows that lead the table when present: the cost of the run before its results. */
    private static final List<String> LEADING = List.of(DURATION, "seconds_per_epoch", ExperimentRunner.PEAK_RSS_METRIC);

    private final List<Summary> runs;
    private final List<String> rows;

    /**
     * Compares runs of one experiment.
     *
     * @param runs one summary per engine, in column order
     */
    EngineComparison(List<Summary> runs) {
        this.runs = List.copyOf(runs);
        this.rows = commonRows(runs);
    }

    private static List<String> commonRows(List<Summary> runs) {
        Set<String> common = new LinkedHashSet<>(runs.get(0).metrics().keySet());
        runs.forEach(run -> common.retainAll(run.metrics().keySet()));
        common.add(DURATION);
        List<String> ordered = new ArrayList<>(LEADING.stream().filter(common::contains).toList());
        common.stream().filter(name -> !LEADING.contains(name)).forEach(ordered::add);
        return ordered;
    }

    /** The compared quantities, in table order. */
    List<String> rows() {
        return rows;
    }

    /** The value of a row for one run. */
    double value(Summary run, String row) {
        return row.equals(DURATION) ? run.durationS() : run.metrics().get(row);
    }

    /** The table: a {@code metric} column, then one column per engine. */
    Table table() {
        Table table = Table.create("compare-engines", StringColumn.create("metric", rows));
        for (Summary run : runs) {
            table.addColumns(DoubleColumn.create(run.engine(), rows.stream().mapToDouble(row -> value(run, row))));
        }
        return table;
    }

    /** The table as Markdown under a heading that names the experiment and the engine versions. */
    String markdown() {
        return "# " + runs.get(0).experiment() + " on "
                + String.join(" and ", runs.stream().map(r -> r.engine() + " " + r.engineVersion()).toList())
                + "\n\n" + MarkdownTable.render(table());
    }

    /** Every cell as one flat metric named {@code <row>_<engine>}, e.g. {@code peak_rss_mb_mxnet}. */
    Map<String, Double> flatMetrics() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Summary run : runs) {
            for (String row : rows) {
                metrics.put(row + "_" + run.engine().toLowerCase(Locale.ROOT), value(run, row));
            }
        }
        return metrics;
    }
}
