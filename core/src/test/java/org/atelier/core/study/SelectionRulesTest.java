package org.atelier.core.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.atelier.core.AtelierException;
import org.atelier.core.report.chart.ChartFigure;
import org.atelier.core.stats.MeanStd;
import org.atelier.core.training.History;
import org.jfree.chart.axis.NumberAxis;
import org.junit.jupiter.api.Test;

/** The learning-rate rule, the one-standard-deviation rule and steps-to-reach. */
class SelectionRulesTest {

    @Test
    void sweepChoosesTheLowestFinalValidationLossAmongRunsThatDidNotDiverge() {
        List<Double> rates = List.of(0.01, 0.1, 1.0, 10.0);
        List<History> histories = List.of(
                Histories.ofValLosses(1, 2.3, 1.5, 1.2),                  // slow
                Histories.ofValLosses(1, 2.3, 0.9, 0.7),                  // best
                Histories.ofValLosses(1, 2.3, 0.5, 2.4),                  // dips, ends above its start: diverged
                Histories.ofValLosses(1, 2.3, Double.NaN, Double.NaN));   // blew up
        assertEquals(1, LearningRateSweep.choose(rates, histories));
        assertTrue(LearningRateSweep.diverged(histories.get(2)));
        assertTrue(LearningRateSweep.diverged(histories.get(3)));
        assertFalse(LearningRateSweep.diverged(histories.get(0)));
    }

    @Test
    void sweepReportsItsChoice() {
        List<Double> rates = List.of(0.1, 0.3);
        List<History> histories = rates.stream().map(rate -> Histories.ofValLosses(1, 2.3, 2.3 - rate)).toList();
        LearningRateSweep sweep = new LearningRateSweep(rates, histories, LearningRateSweep.choose(rates, histories));
        assertEquals(0.3, sweep.chosenRate());
        assertEquals(List.of(false, true), sweep.toTable().booleanColumn("chosen").asList());
        ChartFigure chart = sweep.chart("sweep");
        assertEquals(chart.width(), chart.render().getWidth());
        // one epoch of range: without whole-epoch ticks JFreeChart would tick at fractions of an epoch
        double tick = ((NumberAxis) chart.chart().getXYPlot().getDomainAxis()).getTickUnit().getSize();
        assertEquals(0, tick % 1, "ticks at whole epochs, got " + tick);
    }

    @Test
    void sweepWhereEverythingDivergedNamesTheFix() {
        AtelierException e = assertThrows(AtelierException.class, () -> LearningRateSweep.choose(List.of(5.0),
                List.of(Histories.ofValLosses(1, 2.3, 9.0))));
        assertTrue(e.getMessage().contains("add smaller rates"), e.getMessage());
    }

    @Test
    void smallestWidthWithinOneStdOfTheBestMean() {
        List<Integer> sizes = List.of(10, 50, 100, 500);
        List<MeanStd> accuracy = List.of(new MeanStd(0.84, 0.01, 3), new MeanStd(0.875, 0.004, 3),
                new MeanStd(0.882, 0.003, 3), new MeanStd(0.886, 0.005, 3));
        // best mean 0.886 ± 0.005 → threshold 0.881: 100 (0.882) qualifies, 50 (0.875) does not
        assertEquals(2, ModelSelection.smallestWithinOneStd(sizes, accuracy));
        assertEquals(3, ModelSelection.bestMean(accuracy));
    }

    @Test
    void withoutSpreadTheBestMeanWinsAndSizesNeedNotBeSorted() {
        List<Integer> sizes = List.of(200, 20);
        List<MeanStd> accuracy = List.of(new MeanStd(0.9, 0, 1), new MeanStd(0.8999, 0, 1));
        assertEquals(0, ModelSelection.smallestWithinOneStd(sizes, accuracy));
        assertThrows(IllegalArgumentException.class, () -> ModelSelection.smallestWithinOneStd(sizes, List.of()));
    }

    @Test
    void firstEpochAndUpdatesReachingATarget() {
        History miniBatch = Histories.ofValLosses(1688, 2.3, 0.6, 0.5, 0.45, 0.47);
        var reached = Convergence.firstReaching(miniBatch, 0.5).orElseThrow();
        assertEquals(2, reached.epoch());
        assertEquals(2 * 1688, reached.steps());
        assertTrue(Convergence.firstReaching(miniBatch, 0.4).isEmpty());
    }
}
