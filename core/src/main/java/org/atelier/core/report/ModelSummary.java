package org.atelier.core.report;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.ndarray.types.Shape;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.atelier.core.AtelierException;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A Keras {@code summary()}-style description of an initialized DJL {@link Block}: one row per
 * layer with its output shape and parameter count, then the totals.
 *
 * <p>{@link SequentialBlock}s and {@link ParallelBlock}s are opened: their children become rows
 * named by their path (e.g. {@code 02SequentialBlock/01Conv2d}), a sequential child receiving its
 * predecessor's output shapes and a parallel child its parent's input. Any other block is one row
 * holding all its nested parameters, because its internal data flow is not visible from outside.
 * A parameter counts as trainable when {@link Parameter#requiresGradient()} is true, so frozen
 * layers ({@link Block#freezeParameters(boolean)}) and running statistics of batch normalization
 * count as non-trainable.
 */
public final class ModelSummary {

    /**
     * One row of the summary.
     *
     * @param name the path of child names from the root block
     * @param type the block's class name
     * @param outputShapes the block's output shapes for the summary's input
     * @param parameters the number of parameter values in the block (nested included)
     * @param trainableParameters those of them that receive gradients
     */
    public record Layer(String name, String type, List<Shape> outputShapes, long parameters, long trainableParameters) {}

    private final List<Layer> layers;
    private final long totalParameters;
    private final long trainableParameters;

    private ModelSummary(List<Layer> layers, long totalParameters, long trainableParameters) {
        this.layers = List.copyOf(layers);
        this.totalParameters = totalParameters;
        this.trainableParameters = trainableParameters;
    }

    /**
     * Summarizes an initialized block.
     *
     * @param block the model, already initialized (e.g. {@code block.initialize(manager,
     *     DataType.FLOAT32, inputShape)})
     * @param inputShapes the input shapes, batch dimension included
     * @return the summary
     * @throws AtelierException if the block is not initialized
     */
    public static ModelSummary of(Block block, Shape... inputShapes) {
        if (!block.isInitialized()) {
            throw new AtelierException("cannot summarize an uninitialized " + block.getClass().getSimpleName()
                    + "; call block.initialize(manager, DataType.FLOAT32, inputShape) first");
        }
        List<Layer> layers = new ArrayList<>();
        collect("", block, inputShapes, layers);
        return new ModelSummary(layers, count(block, false), count(block, true));
    }

    private static Shape[] collect(String path, Block block, Shape[] input, List<Layer> layers) {
        if (block instanceof SequentialBlock) {
            Shape[] shapes = input;
            for (Pair<String, Block> child : block.getChildren()) {
                shapes = collect(childPath(path) + child.getKey(), child.getValue(), shapes, layers);
            }
            return block.getOutputShapes(input);
        }
        if (block instanceof ParallelBlock) {
            for (Pair<String, Block> child : block.getChildren()) {
                collect(childPath(path) + child.getKey(), child.getValue(), input, layers);
            }
            return block.getOutputShapes(input);
        }
        Shape[] output = block.getOutputShapes(input);
        String name = path.isEmpty() ? block.getClass().getSimpleName() : path;
        layers.add(new Layer(name, block.getClass().getSimpleName(), List.of(output),
                count(block, false), count(block, true)));
        return output;
    }

    /** Children of a container get their container's path as prefix. */
    private static String childPath(String path) {
        return path.isEmpty() ? "" : path + "/";
    }

    private static long count(Block block, boolean trainableOnly) {
        long sum = 0;
        for (Pair<String, Parameter> entry : block.getParameters()) {
            Parameter parameter = entry.getValue();
            if (!trainableOnly || parameter.requiresGradient()) {
                sum += parameter.getArray().getShape().size();
            }
        }
        return sum;
    }

    /** The layers, in order. */
    public List<Layer> layers() {
        return layers;
    }

    /** The number of parameter values in the model. */
    public long totalParameters() {
        return totalParameters;
    }

    /** The number of parameter values that receive gradients. */
    public long trainableParameters() {
        return trainableParameters;
    }

    /** The number of parameter values that are frozen or not learned by gradient. */
    public long nonTrainableParameters() {
        return totalParameters - trainableParameters;
    }

    /** The layers as a table: {@code layer, type, output_shape, parameters, trainable_parameters}. */
    public Table toTable() {
        return Table.create("model summary",
                StringColumn.create("layer", layers.stream().map(Layer::name).toList()),
                StringColumn.create("type", layers.stream().map(Layer::type).toList()),
                StringColumn.create("output_shape", layers.stream().map(l -> shapes(l.outputShapes())).toList()),
                LongColumn.create("parameters", layers.stream().mapToLong(Layer::parameters).toArray()),
                LongColumn.create("trainable_parameters", layers.stream().mapToLong(Layer::trainableParameters).toArray()));
    }

    /** The summary as fixed-width text, like Keras prints it (see {@link #toText()}). */
    @Override
    public String toString() {
        return toText();
    }

    /** The summary as fixed-width text, like Keras prints it: one line per layer, then the totals. */
    public String toText() {
        String[] headers = {"Layer", "Type", "Output shape", "Param #"};
        List<String[]> rows = new ArrayList<>();
        for (Layer layer : layers) {
            rows.add(new String[] {layer.name(), layer.type(), shapes(layer.outputShapes()), grouped(layer.parameters())});
        }
        int[] widths = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            int column = i;
            widths[i] = Math.max(headers[i].length(), rows.stream().mapToInt(r -> r[column].length()).max().orElse(0));
        }
        int lineWidth = Arrays.stream(widths).sum() + 2 * (widths.length - 1);
        StringBuilder text = new StringBuilder();
        text.append("=".repeat(lineWidth)).append('\n').append(line(headers, widths)).append('\n');
        text.append("=".repeat(lineWidth)).append('\n');
        rows.forEach(row -> text.append(line(row, widths)).append('\n'));
        text.append("=".repeat(lineWidth)).append('\n');
        text.append("Total params: ").append(grouped(totalParameters)).append('\n');
        text.append("Trainable params: ").append(grouped(trainableParameters)).append('\n');
        text.append("Non-trainable params: ").append(grouped(nonTrainableParameters())).append('\n');
        return text.toString();
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i];
            // Counts are right-aligned so that digits line up.
            line.append(i == cells.length - 1
                    ? " ".repeat(widths[i] - cell.length()) + cell
                    : cell + " ".repeat(widths[i] - cell.length() + 2));
        }
        return line.toString().stripTrailing();
    }

    private static String shapes(List<Shape> shapes) {
        return shapes.stream().map(Shape::toString).collect(Collectors.joining(", "));
    }

    private static String grouped(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }
}
