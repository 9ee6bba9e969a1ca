package org.atelier.core.training.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.atelier.core.data.LabeledData;
import org.atelier.core.engine.Backend;
import org.atelier.core.models.Models;
import org.atelier.core.testing.OnEachEngine;
import org.atelier.core.testing.TestBackends;
import org.atelier.core.training.BatchProgress;
import org.atelier.core.training.FitConfig;
import org.atelier.core.training.FitContext;
import org.atelier.core.training.FitListener;
import org.atelier.core.training.History;
import org.atelier.core.training.LabeledArrays;
import org.atelier.core.training.SyntheticData;
import org.atelier.core.training.Training;
import org.junit.jupiter.api.Test;

class CosineScheduleTest {

    private static final LabeledData BLOBS = SyntheticData.blobs(600, 8, 4, 1);
    private static final int BATCHES = 6;
    private static final int EPOCHS = 5;

    /** The rates of a real fit's updates (30: 5 epochs of 6 batches), as the schedule set them. */
    private static List<Double> ratesOfEachUpdate(String engine, CosineSchedule schedule, List<Double> epochRates) {
        List<Double> rates = new ArrayList<>();
        FitListener recorder = new FitListener() {
            @Override
            public void onFitBegin(FitContext context) {
                rates.add(context.learningRate());
            }

            @Override
            public void onBatchEnd(FitContext context, BatchProgress progress) {
                rates.add(context.learningRate());
            }
        };
        Backend backend = TestBackends.backend(engine);
        try (NDManager manager = backend.newManager();
                Model model = Model.newInstance("blobs", backend.device(), backend.engineName())) {
            model.setBlock(Models.mlp(new int[] {16}, 4));
            History history = Training.fit(model, LabeledArrays.of(BLOBS, manager), null, FitConfig.builder()
                    .setEpochs(EPOCHS).setBatchSize(600 / BATCHES).optAdam(0.5f).optSeed(3).optProgress(null)
                    .addListener(schedule).addListener(recorder).build());
            for (double rate : history.get("lr")) {
                epochRates.add(rate);
            }
        }
        return rates.subList(0, EPOCHS * BATCHES);
    }

    @OnEachEngine
    void decaysFromTheBaseToTheFinalRateAlongACosineOverEveryUpdate(String engine) {
        List<Double> epochRates = new ArrayList<>();
        List<Double> rates = ratesOfEachUpdate(engine, new CosineSchedule(0.01, 0.1, 0), epochRates);
        int last = EPOCHS * BATCHES - 1;
        for (int k = 0; k <= last; k++) {
            double expected = 0.001 + 0.009 * (1 + Math.cos(Math.PI * k / last)) / 2;
            assertEquals(expected, rates.get(k), 1e-8, "update " + k);
        }
        // an epoch's record holds the rate after its last update: that of the next epoch's first update
        assertEquals(EPOCHS, epochRates.size());
        assertEquals(rates.get(BATCHES), epochRates.get(0), 1e-9);
    }

    @OnEachEngine
    void warmsUpLinearlyThenDecays(String engine) {
        List<Double> rates = ratesOfEachUpdate(engine, new CosineSchedule(0.01, 0.01, 1), new ArrayList<>());
        double begin = 0.01 / BATCHES;
        for (int k = 0; k < BATCHES; k++) {
            assertEquals(begin + (0.01 - begin) * k / BATCHES, rates.get(k), 1e-8, "warm-up update " + k);
        }
        int decaying = EPOCHS * BATCHES - 1 - BATCHES;
        for (int k = BATCHES; k < EPOCHS * BATCHES; k++) {
            double expected = 0.0001 + 0.0099 * (1 + Math.cos(Math.PI * (k - BATCHES) / decaying)) / 2;
            assertEquals(expected, rates.get(k), 1e-8, "update " + k);
        }
    }

    @Test
    void badSettingsAreRefusedAndTheScheduleNeedsAFit() {
        assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(0.1, 1.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(0.1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(0.1, 0.5, -1));
        assertThrows(IllegalStateException.class, () -> new CosineSchedule(0.1, 0.5, 0).rateAt(0));
    }
}
