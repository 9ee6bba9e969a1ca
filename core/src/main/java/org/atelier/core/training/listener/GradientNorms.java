package org.atelier.core.training.listener;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Records the L2 norm of every layer's weight gradient during training: a DJL {@link
 * ai.djl.training.listener.TrainingListener}, so it works with DJL's own {@code EasyTrain.fit} as
 * well as with the core's {@code Training.fit} ({@code FitConfig.Builder.addTrainingListener}).
 * Both call {@code onTrainingBatch} after the backward pass and before the optimizer's update,
 * which is when the gradients are there to read (the update may zero them).
 *
 * <p>A layer is a parameter of type {@link Parameter.Type#WEIGHT} that receives a gradient: the
 * weight matrix of a {@code Linear}, the kernel of a convolution. Biases and batch-norm scales are
 * left out: a layer's bias gradient is the sum of its back-propagated errors and falls and rises
 * with the weight gradient, and the weight gradient is the quantity Glorot and Bengio (2010) and
 * He et al. (2015) analyse. Frozen parameters have no gradient and are left out too.
 *
 * <p>Cost: every {@code everySteps}-th update (and always the first, the gradient at
 * initialization) it computes each layer's sum of squares on the device and reads them in one
 * transfer, so one device synchronization per sample; other updates cost nothing. PyTorch's
 * {@code torch.nn.utils.clip_grad_norm_} and Keras's TensorBoard histograms read gradients the
 * same way; neither keeps a per-layer history, which is what this listener is for.
 *
 * <p>Epochs are counted from DJL's {@code onEpoch} calls that follow at least one training batch,
 * so an evaluation before training (epoch 0) does not shift them. {@link #trace()} returns what the
 * last training recorded; a new training ({@code onTrainingBegin}) starts afresh. With several
 * devices, the norms are those of the first device's gradient.
 */
public final class GradientNorms extends TrainingListenerAdapter {

    private final int everySteps;
    private List<Parameter> weights;
    private List<String> names;
    private final List<Integer> epochs = new ArrayList<>();
    private final List<Long> steps = new ArrayList<>();
    private final List<double[]> norms = new ArrayList<>();
    private long step;
    private int epoch;
    private boolean batchesThisEpoch;

    /**
     * Creates the listener.
     *
     * @param everySteps sample every this many updates (1: every update); the first update is always sampled
     */
    public GradientNorms(int everySteps) {
        if (everySteps < 1) {
            throw new IllegalArgumentException("gradient norms are sampled every n ≥ 1 steps, got " + everySteps);
        }
        this.everySteps = everySteps;
    }

    /** How often it samples: every this many updates. */
    public int everySteps() {
        return everySteps;
    }

    @Override
    public void onTrainingBegin(Trainer trainer) {
        weights = null;
        names = null; // both found at the first batch: the block may be initialized or frozen after the trainer is made
        epochs.clear();
        steps.clear();
        norms.clear();
        step = 0;
        epoch = 1;
        batchesThisEpoch = false;
    }

    @Override
    public void onEpoch(Trainer trainer) {
        if (batchesThisEpoch) {
            epoch++;
            batchesThisEpoch = false;
        }
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        if (step % everySteps == 0) {
            if (weights == null) {
                findWeights(trainer);
            }
            epochs.add(epoch);
            steps.add(step);
            norms.add(sample(trainer.getManager()));
        }
        step++;
        batchesThisEpoch = true;
    }

    /** The weights with a gradient, in the block's order (from the input on), and their paths. */
    private void findWeights(Trainer trainer) {
        List<Parameter> found = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (Pair<String, Parameter> entry : trainer.getModel().getBlock().getParameters()) {
            Parameter p = entry.getValue();
            if (p.getType() == Parameter.Type.WEIGHT && p.requiresGradient() && p.getArray().hasGradient()) {
                found.add(p);
                paths.add(entry.getKey());
            }
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("the model has no trainable weight parameter with a gradient");
        }
        weights = found;
        names = paths;
    }

    /** The L2 norm of each weight's gradient: sums of squares on the device, one transfer, roots on the host. */
    private double[] sample(NDManager parent) {
        try (NDManager scratch = parent.newSubManager()) {
            NDList squares = new NDList(weights.size());
            for (Parameter weight : weights) {
                NDArray gradient = weight.getArray().getGradient();
                gradient.attach(scratch);
                squares.add(gradient.square().sum());
            }
            float[] sums = NDArrays.stack(squares).toFloatArray();
            double[] result = new double[sums.length];
            for (int i = 0; i < sums.length; i++) {
                result[i] = Math.sqrt(sums[i]);
            }
            return result;
        }
    }

    /**
     * What the last (or current) training recorded.
     *
     * @return the trace; empty before the first batch
     */
    public GradientNormTrace trace() {
        List<Parameter> layers = weights == null ? List.of() : weights;
        return new GradientNormTrace(names == null ? List.of() : names,
                layers.stream().map(GradientNorms::shape).toList(),
                epochs.stream().mapToInt(Integer::intValue).toArray(),
                steps.stream().mapToLong(Long::longValue).toArray(), norms.toArray(double[][]::new));
    }

    private static String shape(Parameter parameter) {
        return LongStream.of(parameter.getArray().getShape().getShape()).mapToObj(Long::toString)
                .collect(Collectors.joining("×"));
    }
}
