package org.atelier.tools.bench;

import ai.djl.nn.Block;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.atelier.core.AtelierException;
import org.atelier.core.models.Models;

/** The reference models the bench trains, with their floating-point work per sample. */
enum BenchModel {
    /** Softmax regression 784 → 10. */
    SOFTMAX(2L * 784 * 10),
    /** MLP 784-256-10 with ReLU. */
    MLP(2L * 784 * 256 + 2L * 256 * 10),
    /** The CNN of the PyTorch MNIST example, with its dropout (rate 0.5). */
    CNN(2L * 25 * 10 * 24 * 24 + 2L * 250 * 20 * 8 * 8 + 2L * 320 * 50 + 2L * 50 * 10);

    private static final int CLASSES = 10;
    private final long forwardFlops;

    BenchModel(long forwardFlops) {
        this.forwardFlops = forwardFlops;
    }

    /** A fresh, uninitialized block of this model. */
    Block newBlock() {
        return switch (this) {
            case SOFTMAX -> Models.softmaxRegression(CLASSES);
            case MLP -> Models.mlp(new int[] {256}, CLASSES);
            case CNN -> Models.pytorchExampleCnn(CLASSES, 0.5f);
        };
    }

    /**
     * Multiply-add work of one training sample: 2 FLOPs per weight use in the forward pass (per
     * output pixel for convolutions), three times that with the backward pass (input and weight gradients).
     */
    long trainingFlopsPerSample() {
        return 3 * forwardFlops;
    }

    /** The name used on the command line and in metric names. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a model name as given on the command line. */
    static BenchModel parse(String name) {
        return Arrays.stream(values()).filter(m -> m.id().equalsIgnoreCase(name.trim())).findFirst()
                .orElseThrow(() -> new AtelierException("unknown bench model '" + name + "'; use "
                        + Arrays.stream(values()).map(BenchModel::id).collect(Collectors.joining(", "))));
    }
}
