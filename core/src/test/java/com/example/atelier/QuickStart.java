package com.example.atelier;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import org.atelier.core.data.DataLocator;
import org.atelier.core.data.Datasets;
import org.atelier.core.data.LabeledData;
import org.atelier.core.data.Splits;
import org.atelier.core.data.Standardizer;
import org.atelier.core.data.Subset;
import org.atelier.core.data.TrainValidation;
import org.atelier.core.engine.Backend;
import org.atelier.core.evaluation.ConfusionMatrix;
import org.atelier.core.models.Models;
import org.atelier.core.report.chart.ConfusionMatrixChart;
import org.atelier.core.training.FitConfig;
import org.atelier.core.training.History;
import org.atelier.core.training.Inference;
import org.atelier.core.training.LabeledArrays;
import org.atelier.core.training.Training;
import org.atelier.core.training.listener.EarlyStopping;
import org.atelier.core.training.listener.RestoreBestEpoch;

/** Trains an MLP on Fashion-MNIST with atelier-core alone, then evaluates it on the test set. */
public final class QuickStart {

    public static void main(String[] args) throws IOException {
        double accuracy = run(DataLocator.resolve(null), Path.of("."), 3);
        System.out.printf("test accuracy %.4f%n", accuracy);
    }

    /** Writes history.csv and confusion.png into {@code out}; returns the test accuracy. */
    public static double run(DataLocator data, Path out, int epochs) throws IOException {
        Backend backend = Backend.resolve("PyTorch", "cpu"); // or "MXNet", and "gpu:0"
        TrainValidation split = Splits.stratified(Datasets.fashionMnist(data, Subset.TRAIN), 0.1, 42);
        // Normalization statistics come from the training split only.
        Standardizer standardizer = Standardizer.fit(split.train(), Standardizer.Mode.GLOBAL);
        LabeledData test = standardizer.apply(Datasets.fashionMnist(data, Subset.TEST));

        try (NDManager manager = backend.newManager();
                Model model = Model.newInstance("mlp", backend.device(), backend.engineName())) {
            model.setBlock(Models.mlp(new int[] {256}, 10));
            History history = Training.fit(model,
                    LabeledArrays.of(standardizer.apply(split.train()), manager),
                    LabeledArrays.of(standardizer.apply(split.validation()), manager),
                    FitConfig.builder().setEpochs(epochs).setBatchSize(64).optSgd(0.1f).optSeed(42)
                            // Keras-style callbacks: stop after 2 epochs without progress, keep the best epoch
                            .addListener(EarlyStopping.onValLoss(2, 0)).addListener(new RestoreBestEpoch())
                            .build());
            history.writeCsv(out.resolve("history.csv"));

            int[] predicted = Inference.classify(model.getBlock(), test.features(manager), false).classes();
            ConfusionMatrix matrix = ConfusionMatrix.of(test.labels(), predicted, test.classNames());
            ConfusionMatrixChart.of(matrix, "Fashion-MNIST test set").save(out.resolve("confusion.png"));
            return matrix.accuracy();
        }
    }
}
