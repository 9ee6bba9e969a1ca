package org.atelier.core.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * Ranking and statistics as scikit-learn's {@code cv_results_}. Expected ranks from scikit-learn
 * 1.2.1 / SciPy 1.10.1 (Debian {@code python3-sklearn}):
 * {@code /usr/bin/python3 -c "import numpy as np; from scipy.stats import rankdata;
 * print(rankdata(-np.array([0.9, 0.95, 0.95, 0.8, 0.9]), method='min'))"} → {@code [3 1 1 5 3]};
 * with a NaN mean, {@code _search.py} replaces NaN by {@code nanmin − 1} first, so NaNs rank last together.
 */
class CvResultsTest {

    @Test
    void tiesShareTheLowestRankAndTheNextRankSkips() {
        assertArrayEquals(new int[] {3, 1, 1, 5, 3}, CvResults.ranks(new double[] {0.9, 0.95, 0.95, 0.8, 0.9}));
    }

    @Test
    void candidatesWithoutAScoreRankLastTogether() {
        assertArrayEquals(new int[] {2, 4, 1, 4, 3}, CvResults.ranks(new double[] {0.9, Double.NaN, 0.95, Double.NaN, 0.8}));
        assertArrayEquals(new int[] {1, 1}, CvResults.ranks(new double[] {Double.NaN, Double.NaN}));
    }

    @Test
    void meanPopulationStdAndTheFirstBestCandidate() {
        CvResults results = CvResults.of(params(3),
                List.of(new double[] {0.8, 0.9, 1.0}, new double[] {0.95, 0.95, 0.95}, new double[] {0.9, 1.0, 0.95}),
                List.of(new double[] {1, 2, 3}, new double[] {2, 2, 2}, new double[] {4, 4, 4}), Scoring.ACCURACY);
        CvResults.Candidate first = results.candidates().get(0);
        assertEquals(0.9, first.meanScore(), 1e-12);
        // np.std([0.8, 0.9, 1.0]) = sqrt(0.02 / 3), not the sample std 0.1
        assertEquals(Math.sqrt(0.02 / 3), first.stdScore(), 1e-12);
        assertEquals(2.0, first.meanFitTime(), 1e-12);
        // candidates 1 and 2 tie at 0.95: both rank 1, the first of them is best (sklearn's argmin of the ranks)
        assertEquals(List.of(3, 1, 1), results.candidates().stream().map(CvResults.Candidate::rank).toList());
        assertEquals(1, results.bestIndex());
        assertEquals(0.95, results.bestScore(), 1e-12);
        assertEquals(List.of(1, 2, 0), results.ranked().stream().map(CvResults.Candidate::index).toList());

        Table table = results.table();
        assertEquals(List.of("candidate", "params", "param_lr", "split0_test_score", "split1_test_score",
                "split2_test_score", "mean_test_score", "std_test_score", "rank_test_score", "mean_fit_time",
                "std_fit_time"), table.columnNames());
        assertEquals("{lr: 0.01}", table.stringColumn("params").get(0));
        Table ranked = results.rankedTable(2);
        assertEquals(2, ranked.rowCount());
        assertEquals("0.9500 ± 0.0000", ranked.stringColumn("mean ± std accuracy").get(0));
    }

    @Test
    void parameterValuesPrintShortly() {
        assertEquals("0.01234", CvResults.format(0.012344444));
        assertEquals("32", CvResults.format(32));
        assertEquals("1", CvResults.format(1.0));
        assertEquals("3.000e-05", CvResults.format(3e-5));
        assertEquals("[64, 32]", CvResults.format(List.of(64, 32)));
    }

    private static List<SortedMap<String, Object>> params(int n) {
        return IntStream.range(0, n).mapToObj(i -> {
            SortedMap<String, Object> p = new TreeMap<>();
            p.put("lr", Math.pow(10, -2 + i));
            return p;
        }).toList();
    }
}
