package org.atelier.experiments.study2;

import java.util.ArrayList;
import java.util.List;
import org.atelier.core.data.Datasets;
import org.atelier.core.experiment.Experiment;
import org.atelier.core.experiment.ExperimentContext;
import org.atelier.core.experiment.Param;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.report.RunFile;
import org.atelier.core.study.CaseComparison;
import org.atelier.core.study.LearningRateSweep;
import org.atelier.core.trial.TrialSpec;
import tech.tablesaw.api.Table;

/**
 * {@code cnn-baseline}: the PyTorch-example CNN on Fashion-MNIST. Its parameters per layer, a short
 * learning-rate sweep (what a too large rate does), then several seeds at the chosen rate with the
 * test set evaluated after every epoch: the best epoch's test accuracy and the validation-chosen one.
 */
public final class CnnBaseline implements Experiment {

    static final RunFile SWEEP_CHART = new RunFile("lr-sweep.png",
            "validation loss per epoch for every learning rate of the sweep");
    static final RunFile SWEEP_TABLE = new RunFile("lr-sweep.csv",
            "per learning rate: final validation loss and accuracy, diverged, chosen");

    @Override
    public String name() {
        return "cnn-baseline";
    }

    @Override
    public String description() {
        return "The PyTorch-example CNN on Fashion-MNIST: parameters per layer, learning-rate sweep, best-epoch test accuracy";
    }

    @Override
    public List<String> datasets() {
        return List.of(Datasets.FASHION_MNIST);
    }

    @Override
    public String study() {
        return Study2Report.STUDY;
    }

    @Override
    public String details() {
        return """
                How many parameters has the CNN of the PyTorch MNIST example, and how well does it classify
                Fashion-MNIST after 10 epochs? Counts the parameters of each layer from the built network,
                sweeps the learning rate for a few epochs (a too large rate does not learn), then trains
                several seeds at the chosen rate, evaluating the training, validation and test sets after
                every epoch. Reports the test accuracy of the best epoch (the sheet's number, chosen on the
                test set) and of the epoch chosen on validation accuracy, mean ± std over the seeds.""";
    }

    @Override
    public List<Param<?>> parameters() {
        List<Param<?>> params = new ArrayList<>(CnnCases.parameters(null));
        params.add(Param.ofDoubles("sweep_rates", List.of(1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 1e-1), "learning rates of the sweep")
                .smoke(List.of(1e-3, 1e-1)).between(1e-7, 100));
        params.add(Param.ofInt("sweep_epochs", 2, "epochs per learning rate of the sweep").smoke(1).between(1, 100));
        return params;
    }

    @Override
    public List<RunFile> outputs() {
        List<RunFile> outputs = new ArrayList<>(List.of(Study2Report.REPORT));
        outputs.addAll(CnnLayers.PARAMETERS.list());
        outputs.addAll(List.of(SWEEP_CHART, SWEEP_TABLE));
        outputs.addAll(CnnCases.CASE_FILES);
        return outputs;
    }

    @Override
    public void run(ExperimentContext context) {
        RunDirectory dir = context.runDirectory();
        CnnCases cases = new CnnCases(context);
        Study2Report report = new Study2Report("The PyTorch-example CNN on Fashion-MNIST", context.smoke());
        report.protocol(cases, null);

        Table layers = CnnLayers.table(context.backend(), cases.cnn(), 0);
        CnnLayers.PARAMETERS.write(dir, layers);
        report.parameters(layers);

        List<Double> rates = context.params().getDoubles("sweep_rates");
        int sweepEpochs = context.params().getInt("sweep_epochs");
        List<TrialSpec> sweepTrials = rates.stream().map(rate -> {
            CnnCases.Case c = cases.baseline(rate);
            return TrialSpec.of("sweep-lr-" + rate, c.model(), c.data(),
                    c.fit().toBuilder().maxEpochs(sweepEpochs).fixedRate().evaluateTest(false).build(), context.seed());
        }).toList();
        LearningRateSweep sweep = LearningRateSweep.of(rates, context.trials().run(sweepTrials));
        dir.save(SWEEP_CHART, sweep.chart("PyTorch-example CNN, " + cases.optimizerTitle() + ": learning-rate sweep ("
                + sweepEpochs + (sweepEpochs == 1 ? " epoch" : " epochs") + " each)"));
        dir.csv(SWEEP_TABLE, sweep.toTable());
        report.sweep(sweep, cases, sweepEpochs, SWEEP_CHART);

        CaseComparison baseline = cases.run(List.of(cases.baseline(sweep.chosenRate())));
        cases.write(baseline, "PyTorch-example CNN, " + cases.fitTitle(sweep.chosenRate()));
        report.cases(baseline, "Baseline: best epoch on the test set");
        report.report().write(dir, Study2Report.REPORT, context::metric);
    }
}
