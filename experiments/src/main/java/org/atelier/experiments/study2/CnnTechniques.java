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

/**
 * {@code cnn-techniques}: the four cases of the sheet (baseline, augmentation, batch normalization,
 * MNIST pre-training with frozen fine-tuning) and fine-tuning with nothing frozen, from the same
 * case definitions as the single experiments ({@link CnnCases}), with their learning curves drawn
 * together and the question "which worked best, beyond the seed noise?" answered from the numbers.
 */
public final class CnnTechniques implements Experiment {

    @Override
    public String name() {
        return "cnn-techniques";
    }

    @Override
    public String description() {
        return "Baseline, augmentation, batch norm and MNIST fine-tuning side by side: learning curves, best method";
    }

    @Override
    public List<String> datasets() {
        return List.of(Datasets.FASHION_MNIST, Datasets.MNIST);
    }

    @Override
    public String study() {
        return Study2Report.STUDY;
    }

    @Override
    public String details() {
        return """
                Which technique improves the PyTorch-example CNN on Fashion-MNIST most within 10 epochs? Runs
                the cases of cnn-baseline, cnn-augmentation, cnn-batchnorm and cnn-finetune (frozen and full)
                with the same definitions and seeds, draws the learning curves of all cases together (one
                figure for the training set, one for the test set, loss and accuracy per epoch, mean ± std
                over the seeds), tabulates the best-epoch test accuracies and says which method worked best
                and whether the differences exceed the seed noise. The learning rate is a parameter (the
                default is what cnn-baseline's sweep chooses); the MNIST model is trained once and shared.""";
    }

    @Override
    public List<Param<?>> parameters() {
        List<Param<?>> params = new ArrayList<>(CnnCases.parameters(Study2Report.DEFAULT_RATE));
        params.add(CnnCases.pipelineParameter());
        params.add(CnnCases.pretrainParameter());
        params.addAll(CnnCases.batchNormParameters());
        return params;
    }

    @Override
    public List<RunFile> outputs() {
        List<RunFile> outputs = new ArrayList<>(List.of(Study2Report.REPORT));
        outputs.addAll(CnnCases.CASE_FILES);
        return outputs;
    }

    @Override
    public void run(ExperimentContext context) {
        RunDirectory dir = context.runDirectory();
        CnnCases cases = new CnnCases(context);
        Study2Report report = new Study2Report("CNN techniques on Fashion-MNIST", context.smoke());
        report.protocol(cases, cases.learningRate());
        CnnCases.Pretrained runs = cases.runWithPretraining(
                List.of(cases.baseline(cases.learningRate()), cases.augmentation(), cases.batchNorm()),
                mnist -> List.of(cases.finetuneFrozen(mnist), cases.finetuneFull(mnist)));
        CaseComparison comparison = runs.fromScratch().and(runs.fromMnist());
        cases.write(comparison, "CNN techniques, " + cases.fitTitle(cases.learningRate()));
        report.techniques(comparison, runs.pretraining(), cases);
        report.report().write(dir, Study2Report.REPORT, context::metric);
    }
}
