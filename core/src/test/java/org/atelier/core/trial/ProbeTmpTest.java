package org.atelier.core.trial;

import java.nio.file.Path;
import java.util.Arrays;
import org.atelier.core.data.Datasets;
import org.atelier.core.testing.RealData;
import org.junit.jupiter.api.Test;

class ProbeTmpTest {
    @Test
    void probe() {
        TrialEnvironment env = new TrialEnvironment("PyTorch", "cpu", RealData.locator(Datasets.FASHION_MNIST).root(), Path.of("/tmp/s2cnn-probe"));
        String[] configs = System.getProperty("probe", "sgd:0.1").split(",");
        for (String c : configs) {
            String[] p = c.split(":");
            FitSpec.Builder fb = FitSpec.builder().batchSize(64).maxEpochs(10).evaluateTest(true);
            fb = p[0].equals("adam") ? fb.adam(Double.parseDouble(p[1])) : fb.sgd(Double.parseDouble(p[1]));
            double d = Double.parseDouble(p[3]); ModelSpec m = p[2].equals("bn") ? ModelSpec.cnnBatchNorm(10, d) : ModelSpec.cnn(10, d);
            TrialResult r = Trials.run(TrialSpec.of("probe", m, DataSpec.fashionMnist(42, false), fb.build(), 42), env);
            System.out.println("PROBE " + c + " " + (r.succeeded() ? Arrays.toString(r.testCurve().accuracy()) + " val " + Arrays.toString(r.history().get("val_accuracy")) + " s " + r.seconds() : r.error()));
        }
    }
}
