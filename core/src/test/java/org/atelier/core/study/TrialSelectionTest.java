package org.atelier.core.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.atelier.core.AtelierException;
import org.atelier.core.training.History;
import org.atelier.core.trial.TrialResult;
import org.junit.jupiter.api.Test;

/** Seed runs and sweeps made from trial results choose by the same rules as those trained live. */
class TrialSelectionTest {

    private static TrialResult result(String id, History history, String params) {
        return new TrialResult(id, history, Map.of(), params, 1, null);
    }

    @Test
    void seedRunsKeepTheBestAsAnIndexAndItsParamsFile() {
        List<History> histories = List.of(Histories.ofValLosses(1, 2.3, 0.6, 0.5),
                Histories.ofValLosses(1, 2.3, 0.4, 0.45), Histories.ofValLosses(1, 2.3, 0.4, 0.42));
        SeedRuns runs = SeedRuns.of(List.of(1L, 2L, 3L), List.of(result("s1", histories.get(0), "/t/s1-0002.params"),
                result("s2", histories.get(1), "/t/s2-0001.params"), result("s3", histories.get(2), "/t/s3-0001.params")));
        assertEquals(1, runs.bestIndex(), "lowest best validation loss, the earlier seed on a tie");
        assertEquals(Path.of("/t/s2-0001.params"), runs.bestParams().orElseThrow());
        assertEquals(histories, runs.histories());
        assertThrows(AtelierException.class, () -> SeedRuns.of(List.of(1L, 2L),
                List.of(result("s1", histories.get(0), null), TrialResult.failed("s2", "boom", 1))));
        assertThrows(IllegalArgumentException.class, () -> SeedRuns.of(List.of(1L), List.of()));
    }

    @Test
    void aSweepOfTrialResultsChoosesByTheSweepRule() {
        List<Double> rates = List.of(0.01, 0.1, 1.0);
        List<History> histories = List.of(Histories.ofValLosses(1, 2.3, 1.5, 1.2), Histories.ofValLosses(1, 2.3, 0.9, 0.7),
                Histories.ofValLosses(1, 2.3, 0.5, 2.4));
        LearningRateSweep sweep = LearningRateSweep.of(rates,
                List.of(result("a", histories.get(0), null), result("b", histories.get(1), null),
                        result("c", histories.get(2), null)));
        assertEquals(LearningRateSweep.choose(rates, histories), sweep.chosenIndex());
        assertEquals(0.1, sweep.chosenRate());
        assertThrows(AtelierException.class, () -> LearningRateSweep.of(List.of(0.1),
                List.of(TrialResult.failed("a", "boom", 1))));
    }
}
