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
 * {@code cnn-finetune}: the CNN pre-trained on MNIST (best epoch kept as {@code .params}), loaded
 * into the Fashion-MNIST network and fine-tuned with every layer but fc2 frozen; next to it the
 * same start with nothing frozen, and training from scratch (the baseline case).
 */
public final class CnnFinetune implements Experiment {

    @Override
    public String name() {
        return "cnn-finetune";
    }

    @Override
    public String description() {
        return "MNIST pre-training, then Fashion-MNIST with all but fc2 frozen, nothing frozen, and from scratch";
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
                Do features learned on MNIST digits help classify Fashion-MNIST clothes? Trains the
                PyTorch-example CNN on MNIST and keeps the parameters of its best epoch (lowest MNIST
                validation loss) as a .params file, loads them into the Fashion-MNIST network, freezes every
                parameter except fc2's with DJL's freezeParameters and trains for the same epochs as the
                other cases. For comparison, the same start with nothing frozen and the network trained from
                scratch. The MNIST model is trained once and shared by every seed of both fine-tuning cases.""";
    }

    @Override
    public List<Param<?>> parameters() {
        List<Param<?>> params = new ArrayList<>(CnnCases.parameters(Study2Report.DEFAULT_RATE));
        params.add(CnnCases.pretrainParameter());
        return params;
    }

    @Override
    public List<RunFile> outputs() {
        List<RunFile> outputs = new ArrayList<>(List.of(Study2Report.REPORT));
        outputs.addAll(CnnLayers.FINETUNE_SUMMARY.list());
        outputs.addAll(CnnCases.CASE_FILES);
        return outputs;
    }

    @Override
    public void run(ExperimentContext context) {
        RunDirectory dir = context.runDirectory();
        CnnCases cases = new CnnCases(context);
        Study2Report report = new Study2Report("Fine-tuning an MNIST-trained CNN on Fashion-MNIST", context.smoke());
        report.protocol(cases, cases.learningRate());
        CnnCases.Pretrained trained = cases.runWithPretraining(List.of(cases.baseline(cases.learningRate())),
                mnist -> List.of(cases.finetuneFrozen(mnist), cases.finetuneFull(mnist)));
        Table summary = CnnLayers.table(context.backend(), cases.cnn(), CnnCases.TRAINED_LAST_LAYERS);
        CnnLayers.FINETUNE_SUMMARY.write(dir, summary);
        report.pretraining(trained.pretraining(), summary, cases);

        CaseComparison runs = trained.fromMnist().and(trained.fromScratch());
        cases.write(runs, "Pre-trained on MNIST vs from scratch, " + cases.fitTitle(cases.learningRate()));
        report.cases(runs, "Frozen fine-tuning: best epoch on the test set");
        report.finetuneComparison(runs);
        report.report().write(dir, Study2Report.REPORT, context::metric);
    }
}
