package org.atelier.experiments.study2;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import org.atelier.core.engine.Backend;
import org.atelier.core.models.Layers;
import org.atelier.core.report.ModelSummary;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.report.RunFile;
import org.atelier.core.trial.ModelSpec;
import org.atelier.core.trial.TrialRegistry;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The CNN's parameters per layer, counted from the built block ({@link ModelSummary}), under the
 * PyTorch example's layer names: conv1, conv2, fc1, fc2, and bn1, bn2, bn3 for the batch
 * normalizations of {@code cnn-batchnorm}.
 */
final class CnnLayers {

    /** One Fashion-MNIST image batch's shape. */
    static final Shape INPUT = new Shape(1, 1, 28, 28);

    /** The parameter table of a CNN trained whole ({@code cnn-baseline}, {@code cnn-batchnorm}). */
    static final Files PARAMETERS = Files.of("parameters", "parameters per layer of the CNN and the total");
    /** The parameter table of the fine-tuned CNN, with what trains ({@code cnn-finetune}). */
    static final Files FINETUNE_SUMMARY = Files.of("model-summary",
            "the fine-tuned CNN per layer: parameters and how many of them train (fc2 only)");

    /**
     * A layer table's two files, CSV and Markdown, named once.
     *
     * @param csv the table as CSV
     * @param markdown the same as a Markdown table
     */
    record Files(RunFile csv, RunFile markdown) {

        static Files of(String stem, String description) {
            return new Files(new RunFile(stem + ".csv", description),
                    new RunFile(stem + ".md", "the same as a Markdown table"));
        }

        List<RunFile> list() {
            return List.of(csv, markdown);
        }

        void write(RunDirectory dir, Table table) {
            dir.csv(csv, table);
            dir.markdown(markdown, table, 0);
        }
    }

    private CnnLayers() {}

    /**
     * The table {@code layer, type, parameters, trainable_parameters}, one row per layer with
     * parameters, then the total.
     *
     * @param backend the engine that builds the block
     * @param model the model
     * @param trainLastLayers 0, or how many last layers train while the others are frozen
     * @return the table
     */
    static Table table(Backend backend, ModelSpec model, int trainLastLayers) {
        Block block = TrialRegistry.instance().model(model.factory()).create(model.args(), model.classes());
        try (NDManager manager = backend.newManager()) {
            block.initialize(manager, DataType.FLOAT32, INPUT);
            if (trainLastLayers > 0) {
                Layers.trainOnlyLast(block, trainLastLayers);
            }
            ModelSummary summary = ModelSummary.of(block, INPUT);
            List<String> names = new ArrayList<>();
            List<String> types = new ArrayList<>();
            List<Long> counts = new ArrayList<>();
            List<Long> trainable = new ArrayList<>();
            int conv = 0;
            int fc = 0;
            int bn = 0;
            for (ModelSummary.Layer layer : summary.layers()) {
                if (layer.parameters() == 0) {
                    continue;
                }
                names.add(switch (layer.type()) {
                    case "Conv2d" -> "conv" + ++conv;
                    case "Linear" -> "fc" + ++fc;
                    case "BatchNorm" -> "bn" + ++bn;
                    default -> layer.name();
                });
                types.add(layer.type());
                counts.add(layer.parameters());
                trainable.add(layer.trainableParameters());
            }
            names.add("total");
            types.add("");
            counts.add(summary.totalParameters());
            trainable.add(summary.trainableParameters());
            return Table.create("parameters", StringColumn.create("layer", names), StringColumn.create("type", types),
                    LongColumn.create("parameters", counts.stream().mapToLong(Long::longValue).toArray()),
                    LongColumn.create("trainable_parameters", trainable.stream().mapToLong(Long::longValue).toArray()));
        }
    }
}
