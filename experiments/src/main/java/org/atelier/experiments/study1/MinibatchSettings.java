package org.atelier.experiments.study1;

import java.util.List;
import org.atelier.core.experiment.Param;
import org.atelier.core.experiment.Params;
import org.atelier.core.study.GradientDescent;
import org.atelier.core.study.VariantFiles;

/**
 * The mini-batch gradient-descent parameters both study-1 experiments declare, with the same
 * names, defaults and bounds, and the variant they describe.
 */
public final class MinibatchSettings {

    /** The files of the mini-batch variant. */
    public static final VariantFiles FILES = VariantFiles.of("minibatch", "mini-batch GD");

    private MinibatchSettings() {}

    /**
     * The parameter declarations.
     *
     * @param rates the default learning rates of the sweep
     * @param sweepEpochs the default epochs per rate of the sweep
     * @param maxEpochs the default most epochs per seed
     * @param patience the default early-stopping patience
     * @return {@code batch_size, minibatch_rates, minibatch_sweep_epochs, minibatch_max_epochs,
     *     minibatch_patience, minibatch_min_delta}
     */
    public static List<Param<?>> parameters(List<Double> rates, int sweepEpochs, int maxEpochs, int patience) {
        return List.of(
                Param.ofInt("batch_size", 32, "mini-batch size").between(1, 4096),
                Param.ofDoubles("minibatch_rates", rates, "learning rates of the mini-batch sweep")
                        .smoke(List.of(rates.get(0), rates.get(rates.size() - 1))).between(1e-6, 100),
                Param.ofInt("minibatch_sweep_epochs", sweepEpochs, "epochs per rate in the mini-batch sweep").smoke(1)
                        .between(1, 100),
                Param.ofInt("minibatch_max_epochs", maxEpochs, "most epochs per mini-batch seed").smoke(2)
                        .between(1, 1000),
                Param.ofInt("minibatch_patience", patience, "mini-batch early stopping: epochs without improvement")
                        .smoke(1).between(1, 100),
                Param.ofDouble("minibatch_min_delta", 0.001, "mini-batch early stopping: smallest improvement")
                        .between(0, 1));
    }

    /**
     * The variant the parameters describe.
     *
     * @param params the effective parameters
     * @return the mini-batch variant, writing {@link #FILES}
     */
    public static GradientDescent variant(Params params) {
        int batch = params.getInt("batch_size");
        return new GradientDescent(FILES, "mini-batch GD, batch " + batch, batch,
                params.getDoubles("minibatch_rates"), params.getInt("minibatch_sweep_epochs"),
                params.getInt("minibatch_max_epochs"), params.getInt("minibatch_patience"),
                params.getDouble("minibatch_min_delta"));
    }
}
