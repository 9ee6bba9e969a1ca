package org.atelier.core.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.atelier.core.training.EpochRecord;
import org.atelier.core.training.History;
import org.junit.jupiter.api.Test;

class MeanCurveTest {

    @Test
    void meanCurveAveragesTheRunsThatReachedEachEpoch() {
        History a = Histories.ofValLosses(1, 2.0, 1.0, 0.5);
        History b = Histories.ofValLosses(1, 2.4, 1.4);
        MeanCurve curve = MeanCurve.of(List.of(a, b), EpochRecord::valLoss);
        assertArrayEquals(new int[] {0, 1, 2}, curve.epochs());
        assertArrayEquals(new double[] {2.2, 1.2, 0.5}, curve.mean(), 1e-12);
        // two values x ± d have sample std d·√2
        assertArrayEquals(new double[] {0.2 * Math.sqrt(2), 0.2 * Math.sqrt(2), 0}, curve.std(), 1e-12);
        assertArrayEquals(new int[] {2, 2, 1}, curve.runs());
        assertEquals(4, curve.toTable("val_loss").columnCount());
        assertEquals("val_loss_mean", curve.toTable("val_loss").column(1).name());
    }

    @Test
    void commonCutsEveryRunToTheSharedEpochs() {
        History a = Histories.ofValLosses(1, 2.0, 1.0, 0.5);
        History b = Histories.ofValLosses(1, 2.4, 1.4);
        double[][] common = MeanCurve.common(List.of(a, b), EpochRecord::valLoss);
        assertArrayEquals(new double[] {2.0, 1.0}, common[0], 1e-12);
        assertArrayEquals(new double[] {2.4, 1.4}, common[1], 1e-12);
        assertArrayEquals(new double[] {0, 1}, MeanCurve.commonEpochs(List.of(a, b)), 0);
    }
}
