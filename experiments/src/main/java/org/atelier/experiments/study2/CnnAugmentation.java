package org.atelier.experiments.study2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.atelier.core.data.Datasets;
import org.atelier.core.experiment.Experiment;
import org.atelier.core.experiment.ExperimentContext;
import org.atelier.core.experiment.Param;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.report.RunFile;
import org.atelier.core.study.AugmentationPreview;
import org.atelier.core.study.CaseComparison;
import org.atelier.core.training.LabeledArrays;
import org.atelier.core.trial.TransformSpec;
import org.atelier.core.trial.TrialData;
import org.atelier.core.trial.TrialRegistry;

/**
 * {@code cnn-augmentation}: what each batch augmentation of the core does to the same few
 * training images (one figure per transformation and one of the composed pipeline), then the
 * baseline CNN trained from scratch on augmented batches.
 */
public final class CnnAugmentation implements Experiment {

    /** Samples shown per preview. */
    private static final int SAMPLES = 4;
    /** Random draws shown per sample. */
    private static final int DRAWS = 5;

    /** One preview per transformation, declared once. */
    static final Map<String, RunFile> PREVIEWS = previews();
    static final RunFile PIPELINE_PREVIEW = new RunFile("augment-pipeline.png",
            "the composed augmentation pipeline on the same samples: original and random draws");

    private static Map<String, RunFile> previews() {
        Map<String, RunFile> files = new LinkedHashMap<>();
        CnnCases.AUGMENTATIONS.forEach(name -> files.put(name, new RunFile("augment-" + name + ".png",
                name + " on the same training samples: original and random draws")));
        return files;
    }

    @Override
    public String name() {
        return "cnn-augmentation";
    }

    @Override
    public String description() {
        return "Batch augmentations shown on samples, then the CNN trained on augmented batches: best-epoch test accuracy";
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
                What do random horizontal flips, random crops after padding, random erasing and small random
                rotations/translations do to Fashion-MNIST images, and does training on augmented batches help
                the PyTorch-example CNN? Shows each transformation on the same training images (original and
                several random draws) and the composed pipeline, then trains from scratch with the pipeline
                applied to every training batch (never to validation or test data) and reports the best
                epoch's test accuracy and the validation-chosen one, mean ± std over the seeds.""";
    }

    @Override
    public List<Param<?>> parameters() {
        List<Param<?>> params = new ArrayList<>(CnnCases.parameters(Study2Report.DEFAULT_RATE));
        params.add(CnnCases.pipelineParameter());
        return params;
    }

    @Override
    public List<RunFile> outputs() {
        List<RunFile> outputs = new ArrayList<>(List.of(Study2Report.REPORT));
        outputs.addAll(PREVIEWS.values());
        outputs.add(PIPELINE_PREVIEW);
        outputs.addAll(CnnCases.CASE_FILES);
        return outputs;
    }

    @Override
    public void run(ExperimentContext context) {
        RunDirectory dir = context.runDirectory();
        CnnCases cases = new CnnCases(context);
        Study2Report report = new Study2Report("Data augmentation for the PyTorch-example CNN", context.smoke());
        report.protocol(cases, cases.learningRate());
        TrialData data = cases.fashionData();
        LabeledArrays samples = data.train().slice(0, SAMPLES);
        float[] labels = samples.labels().toFloatArray();
        List<String> captions = IntStream.range(0, labels.length)
                .mapToObj(i -> data.classNames().get((int) labels[i])).toList();
        TrialRegistry registry = TrialRegistry.instance();
        PREVIEWS.forEach((name, file) -> dir.save(file, AugmentationPreview.grid(name + " (core defaults): "
                + "original and " + DRAWS + " random draws", samples, captions,
                registry.transform(name).create(Map.of(), context.seed()), DRAWS)));
        TransformSpec pipeline = cases.pipeline();
        dir.save(PIPELINE_PREVIEW, AugmentationPreview.grid("pipeline " + String.join(" → ", cases.pipelineSteps())
                + ": original and " + DRAWS + " random draws", samples, captions,
                registry.transform(pipeline.name()).create(pipeline.args(), context.seed()), DRAWS));
        report.augmentations(PREVIEWS, PIPELINE_PREVIEW, cases.pipelineSteps(), data.standardizer());

        CaseComparison runs = cases.run(List.of(cases.augmentation()));
        cases.write(runs, "CNN on augmented batches, " + cases.fitTitle(cases.learningRate()));
        report.cases(runs, "Augmentation: best epoch on the test set");
        report.report().write(dir, Study2Report.REPORT, context::metric);
    }
}
