package org.atelier.experiments.study3;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.atelier.core.report.ModelSummary;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Where a sequential model's trainable parameters sit: one row per layer of its {@link
 * ModelSummary}, with the weights and biases (or batch-norm scales and shifts) counted from the
 * parameters' shapes and the product that gives them written out, e.g. "8 filters × 1 channel ×
 * 5 × 5 = 200 weights + 8 biases".
 *
 * @param rows the layers, in order
 * @param trainable the model's trainable parameters, from its summary
 */
record LayerParameters(List<Row> rows, long trainable) {

    /**
     * One layer.
     *
     * @param layer the layer's name in the summary
     * @param type its block type
     * @param outputShape its output shape for one image
     * @param weights trainable values of its weight (or γ) parameter
     * @param biases trainable values of its bias (or β) parameter
     * @param trainable all its trainable values
     * @param explanation the product that gives the count
     */
    record Row(String layer, String type, String outputShape, long weights, long biases, long trainable,
            String explanation) {}

    LayerParameters {
        rows = List.copyOf(rows);
    }

    /**
     * Explains an initialized sequential block, layer by layer.
     *
     * @param block the block, initialized for {@code input}
     * @param input the input shape, batch axis included
     * @return the explanation
     */
    static LayerParameters of(SequentialBlock block, Shape input) {
        ModelSummary summary = ModelSummary.of(block, input);
        List<Pair<String, Block>> children = block.getChildren().stream().toList();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < summary.layers().size(); i++) {
            ModelSummary.Layer layer = summary.layers().get(i);
            Block child = children.get(i).getValue();
            String shape = layer.outputShapes().get(0).slice(1).toString();
            rows.add(row(layer, child, shape));
        }
        return new LayerParameters(rows, summary.trainableParameters());
    }

    private static Row row(ModelSummary.Layer layer, Block child, String shape) {
        Shape weight = null;
        Shape bias = null;
        for (Pair<String, Parameter> p : child.getParameters()) {
            Parameter parameter = p.getValue();
            if (!parameter.requiresGradient()) {
                continue;
            }
            Parameter.Type type = parameter.getType();
            if (type == Parameter.Type.WEIGHT || type == Parameter.Type.GAMMA) {
                weight = parameter.getArray().getShape();
            } else if (type == Parameter.Type.BIAS || type == Parameter.Type.BETA) {
                bias = parameter.getArray().getShape();
            }
        }
        long weights = weight == null ? 0 : weight.size();
        long biases = bias == null ? 0 : bias.size();
        return new Row(layer.name(), layer.type(), shape, weights, biases, layer.trainableParameters(),
                explain(layer.type(), weight, weights, biases, layer.trainableParameters()));
    }

    private static String explain(String type, Shape weight, long weights, long biases, long total) {
        if (weight == null) {
            return total == 0 ? "no parameters (activation, pooling, flattening or dropout)" : total + " parameters";
        }
        if (weight.dimension() == 4) {
            return String.format(Locale.ROOT, "%d filters × %d channel%s × %d × %d = %d weights + %d biases = %d",
                    weight.get(0), weight.get(1), weight.get(1) == 1 ? "" : "s", weight.get(2), weight.get(3), weights,
                    biases, total);
        }
        if (weight.dimension() == 2) {
            return String.format(Locale.ROOT, "%d units × %d inputs = %d weights + %d biases = %d", weight.get(0),
                    weight.get(1), weights, biases, total);
        }
        if ("BatchNorm".equals(type)) {
            return String.format(Locale.ROOT, "%d scales γ + %d shifts β = %d (running mean and variance are not "
                    + "trained)", weights, biases, total);
        }
        return String.format(Locale.ROOT, "%d + %d = %d", weights, biases, total);
    }

    /** The rows as a table: layer, type, output shape, weights, biases, trainable parameters, how. */
    Table table() {
        return Table.create("parameters per layer",
                StringColumn.create("layer", rows.stream().map(Row::layer).toList()),
                StringColumn.create("type", rows.stream().map(Row::type).toList()),
                StringColumn.create("output_shape", rows.stream().map(Row::outputShape).toList()),
                LongColumn.create("weights", rows.stream().mapToLong(Row::weights).toArray()),
                LongColumn.create("biases", rows.stream().mapToLong(Row::biases).toArray()),
                LongColumn.create("trainable_parameters", rows.stream().mapToLong(Row::trainable).toArray()),
                StringColumn.create("how", rows.stream().map(Row::explanation).toList()));
    }

    /** The layers that have trainable parameters. */
    List<Row> withParameters() {
        return rows.stream().filter(r -> r.trainable() > 0).toList();
    }
}
