package org.atelier.core.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.atelier.core.training.History;
import org.atelier.core.training.SplitCurve;
import org.atelier.core.trial.TrialResult;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The selection rules of a technique comparison, on hand-made histories and test curves. */
class CaseComparisonTest {

    /** Validation losses 2.3, 0.5, 0.4, 0.45 → validation accuracies 0.77, 0.95, 0.96, 0.955: epoch 2 on validation. */
    private static TrialResult result(String id, double... testAccuracy) {
        History history = Histories.ofValLosses(10, 2.3, 0.5, 0.4, 0.45);
        double[] loss = {2.3, 0.6, 0.5, 0.55};
        return new TrialResult(id, history, Map.of(), null, 1, null,
                new SplitCurve("test", new int[] {0, 1, 2, 3}, loss, testAccuracy));
    }

    @Test
    void theBestEpochIsTheTestSetsChoiceAndTheHonestOneIsValidations() {
        CaseRuns runs = CaseRuns.of("baseline", List.of(1L, 2L),
                List.of(result("a", 0.9, 0.80, 0.85, 0.86), result("b", 0.1, 0.84, 0.83, 0.82)));
        List<CaseRuns.Seed> seeds = runs.perSeed();
        assertEquals(new CaseRuns.Seed(1, 3, 0.86, 2, 0.85), seeds.get(0), "epoch 0 is never chosen");
        assertEquals(new CaseRuns.Seed(2, 1, 0.84, 2, 0.83), seeds.get(1));
        assertEquals(0.85, runs.bestTestAccuracy().mean(), 1e-12);
        assertEquals(0.84, runs.validationSelectedTestAccuracy().mean(), 1e-12);
        assertEquals(2.0, runs.bestEpoch().mean(), 1e-12);
        assertEquals(0.84, runs.finalTestAccuracy().mean(), 1e-12, "the last epoch's, chosen by nothing");
        assertEquals(Math.sqrt(2 * 0.02 * 0.02), runs.finalTestAccuracy().std(), 1e-12);
        assertEquals(runs.histories().get(0).totalSeconds(), runs.trainingSeconds().mean(), 1e-12);
        Table history = runs.historyTable();
        assertEquals(8, history.rowCount());
        assertEquals(0.85, history.doubleColumn("test_accuracy").get(2), 1e-12);
    }

    @Test
    void aDifferenceCountsWhenItExceedsTwoStandardErrors() {
        CaseRuns low = CaseRuns.of("low", List.of(1L, 2L, 3L), List.of(result("a", 0, 0.80, 0.80, 0.80),
                result("b", 0, 0.81, 0.81, 0.81), result("c", 0, 0.82, 0.82, 0.82)));
        CaseRuns high = CaseRuns.of("high", List.of(1L, 2L, 3L), List.of(result("d", 0, 0.85, 0.85, 0.85),
                result("e", 0, 0.86, 0.86, 0.86), result("f", 0, 0.87, 0.87, 0.87)));
        CaseRuns near = CaseRuns.of("near", List.of(1L, 2L, 3L), List.of(result("g", 0, 0.79, 0.79, 0.79),
                result("h", 0, 0.815, 0.815, 0.815), result("i", 0, 0.84, 0.84, 0.84)));
        CaseComparison.Difference d = CaseComparison.difference(high, low);
        assertEquals(0.05, d.mean(), 1e-9);
        assertEquals(Math.sqrt(2 * 0.0001 / 3), d.standardError(), 1e-9);
        assertTrue(d.exceedsNoise());
        assertFalse(CaseComparison.difference(near, low).exceedsNoise());
        CaseComparison comparison = new CaseComparison(List.of(low, high, near));
        assertEquals("high", comparison.best().name());
        assertEquals(List.of("low", "high", "near"), comparison.table().stringColumn("case").asList());
        CaseComparison joined = new CaseComparison(List.of(near)).and(new CaseComparison(List.of(low, high)));
        assertEquals(List.of("near", "low", "high"), joined.table().stringColumn("case").asList(),
                "a later batch's cases follow an earlier one's");
        BufferedImage curves = comparison.testCurves("test").render();
        assertTrue(curves.getWidth() > curves.getHeight(), "loss and accuracy side by side");
    }

    @Test
    void everySeedNeedsATestCurve() {
        TrialResult noCurve = new TrialResult("x", Histories.ofValLosses(1, 2, 1), Map.of(), null, 1, null);
        assertThrows(IllegalStateException.class, () -> CaseRuns.of("x", List.of(1L), List.of(noCurve)));
    }
}
