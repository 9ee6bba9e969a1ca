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
import tech.tablesaw.api.Table;

/**
 * {@code cnn-batchnorm}: the PyTorch-example CNN with batch normalization after each convolution
 * and fc1, trained from scratch with the baseline's protocol.
 */
public final class CnnBatchNorm implements Experiment {

    @Override
    public String name() {
        return "cnn-batchnorm";
    }

    @Override
    public String description() {
        return "The CNN with batch normalization after each convolution and fc1, from scratch: best-epoch test accuracy";
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
                Does batch normalization help the PyTorch-example CNN on Fashion-MNIST? Adds a batch
                normalization after conv1, conv2 and fc1 (between each layer's linear map and its
                nonlinearity), trains from scratch with the baseline's protocol and reports the best
                epoch's test accuracy and the validation-chosen one, mean ± std over the seeds.""";
    }

    @Override
    public List<Param<?>> parameters() {
        List<Param<?>> params = new ArrayList<>(CnnCases.parameters(Study2Report.DEFAULT_RATE));
        params.addAll(CnnCases.batchNormParameters());
        return params;
    }

    @Override
    public List<RunFile> outputs() {
        List<RunFile> outputs = new ArrayList<>(List.of(Study2Report.REPORT));
        outputs.addAll(CnnLayers.PARAMETERS.list());
        outputs.addAll(CnnCases.CASE_FILES);
        return outputs;
    }

    @Override
    public void run(ExperimentContext context) {
        RunDirectory dir = context.runDirectory();
        CnnCases cases = new CnnCases(context);
        Study2Report report = new Study2Report("Batch normalization in the PyTorch-example CNN", context.smoke());
        report.protocol(cases, cases.learningRate());
        CnnCases.Case batchNorm = cases.batchNorm();
        Table layers = CnnLayers.table(context.backend(), batchNorm.model(), 0);
        CnnLayers.PARAMETERS.write(dir, layers);
        report.batchNorm(layers, cases.batchNormRate(), cases.batchNormDropout());
        CaseComparison runs = cases.run(List.of(batchNorm));
        cases.write(runs, "CNN with batch normalization, " + cases.fitTitle(cases.batchNormRate()));
        report.cases(runs, "Batch normalization: best epoch on the test set");
        report.report().write(dir, Study2Report.REPORT, context::metric);
    }
}
