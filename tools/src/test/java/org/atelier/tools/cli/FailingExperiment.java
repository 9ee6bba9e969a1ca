package org.atelier.tools.cli;

import java.util.List;
import org.atelier.core.AtelierException;
import org.atelier.core.experiment.Experiment;
import org.atelier.core.experiment.ExperimentContext;
import org.atelier.core.experiment.Param;
import org.atelier.core.report.RunFile;

/** A test experiment that fails mid-run: with a user-fixable problem or with a bug. */
public final class FailingExperiment implements Experiment {

    @Override
    public String name() {
        return "fails-on-purpose";
    }

    @Override
    public String description() {
        return "Records a metric, then fails (tests the CLI's error handling)";
    }

    @Override
    public String study() {
        return "examples";
    }

    @Override
    public String details() {
        return "Fails after recording initial_loss: an AtelierException when user_error is set, else a bug.";
    }

    @Override
    public List<Param<?>> parameters() {
        return List.of(Param.ofBoolean("user_error", false, "fail with a problem the user can fix"));
    }

    @Override
    public List<RunFile> outputs() {
        return List.of();
    }

    @Override
    public void run(ExperimentContext context) {
        context.metric("initial_loss", 2.3);
        if (context.params().getBoolean("user_error")) {
            throw new AtelierException("data file fashion-mnist/train-images-idx3-ubyte is missing; run data/fetch");
        }
        throw new IllegalStateException("loss became NaN\nat epoch 3");
    }
}
