package org.atelier.experiments.study3;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.Arrays;
import java.util.function.Supplier;
import org.atelier.core.AtelierException;
import org.atelier.core.report.ModelSummary;

/**
 * One network of the architecture comparison: how to build it, the image it takes and the
 * parameter count its paper reports.
 *
 * @param key a short name for metrics and files, e.g. {@code vgg16}
 * @param label its name in tables and figures, e.g. {@code VGG-16}
 * @param block builds a fresh, uninitialized block
 * @param input one image, e.g. {@code (3, 224, 224)}
 * @param classes the outputs the block has
 * @param published the parameter count its paper reports, or 0 for Atelier's own models
 */
record ZooModel(String key, String label, Supplier<Block> block, Shape input, int classes, long published) {

    /**
     * What one network measured.
     *
     * @param model the network
     * @param parameters its trainable parameters as built
     * @param lastLayerInputs the inputs of its output layer (to restate the count for another number of classes)
     * @param outputShape the output of a forward pass of {@code batch} images
     * @param msPerImageSingle median forward time per image at batch 1, in milliseconds
     * @param msPerImageBatch median forward time per image at batch {@code batch}, in milliseconds
     * @param batch the small batch size
     */
    record Measured(ZooModel model, long parameters, long lastLayerInputs, Shape outputShape, double msPerImageSingle,
            double msPerImageBatch, int batch) {

        /** The parameter count with a 10-class output layer instead of {@code classes}. */
        long parametersFor(int classes) {
            return parameters - (long) (model.classes() - classes) * (lastLayerInputs + 1);
        }
    }

    /**
     * Builds the network, counts its parameters, checks the output shape of a forward pass and
     * times forward passes in inference mode (no gradients): one warm-up, then the median of
     * {@code repeats} passes, at batch 1 and at batch {@code batch}.
     *
     * @param manager the manager whose sub-manager holds the network and its inputs
     * @param batch the small batch
     * @param repeats timed passes per batch size
     * @return the measurements
     */
    Measured measure(NDManager manager, int batch, int repeats) {
        try (NDManager scope = manager.newSubManager()) {
            Block net = block.get();
            net.initialize(scope, DataType.FLOAT32, new Shape(1).addAll(input));
            ModelSummary summary = ModelSummary.of(net, new Shape(1).addAll(input));
            long lastInputs = 0;
            for (Pair<String, Parameter> p : net.getParameters()) {
                if (p.getValue().getType() == Parameter.Type.WEIGHT && p.getValue().getArray().getShape().dimension() == 2) {
                    lastInputs = p.getValue().getArray().getShape().get(1);
                }
            }
            ParameterStore store = new ParameterStore(scope, false);
            double single = timePerImage(net, store, scope, 1, repeats);
            Shape[] out = new Shape[1];
            double batched = timePerImage(net, store, scope, batch, repeats, out);
            Shape expected = new Shape(batch, classes);
            if (!expected.equals(out[0])) {
                throw new AtelierException(label + ": a forward pass of " + batch + " images of " + input
                        + " gave output " + out[0] + ", expected " + expected);
            }
            return new Measured(this, summary.trainableParameters(), lastInputs, out[0], single, batched, batch);
        }
    }

    private double timePerImage(Block net, ParameterStore store, NDManager scope, int batch, int repeats) {
        return timePerImage(net, store, scope, batch, repeats, new Shape[1]);
    }

    private double timePerImage(Block net, ParameterStore store, NDManager scope, int batch, int repeats,
            Shape[] outputShape) {
        double[] ms = new double[repeats];
        try (NDManager local = scope.newSubManager()) {
            NDArray x = local.randomUniform(0f, 1f, new Shape(batch).addAll(input));
            for (int r = -1; r < repeats; r++) {
                try (NDManager pass = local.newSubManager()) {
                    long start = System.nanoTime();
                    NDList output = net.forward(store, new NDList(x), false);
                    output.attach(pass);
                    // reading the values waits for asynchronous engines (MXNet) to finish
                    output.head().toFloatArray();
                    long end = System.nanoTime();
                    outputShape[0] = output.head().getShape();
                    if (r >= 0) {
                        ms[r] = (end - start) / 1e6 / batch;
                    }
                }
            }
        }
        Arrays.sort(ms);
        return repeats % 2 == 1 ? ms[repeats / 2] : (ms[repeats / 2 - 1] + ms[repeats / 2]) / 2;
    }
}
