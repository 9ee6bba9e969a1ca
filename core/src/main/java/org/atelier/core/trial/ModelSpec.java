package org.atelier.core.trial;

import java.io.Serializable;
import org.atelier.core.models.DeepMlp;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Which network a trial trains, as a value: the name of a {@link ModelFactory} and its string
 * arguments, plus the number of classes. The core's factories ({@link TrialRegistry}) are {@code
 * softmax} (no arguments), {@code mlp} (one argument per hidden layer: its width), {@code cnn}
 * (the PyTorch-example CNN; an optional dropout rate, default 0.5) and {@code cnn-batchnorm} (the
 * same with batch normalization; the same argument) and {@code deep-mlp} ({@link #deepMlp}: depth,
 * width, activation, batch normalization, residual connections, as {@code key=value} arguments).
 *
 * @param factory the factory's name, e.g. {@code mlp}
 * @param args the factory's arguments, e.g. {@code ["200"]}
 * @param classes the number of output classes
 */
public record ModelSpec(String factory, List<String> args, int classes) implements Serializable {

    /** The name of the {@link DeepMlp} factory. */
    public static final String DEEP_MLP = "deep-mlp";

    /** Checks the fields and copies the arguments. */
    public ModelSpec {
        Objects.requireNonNull(factory, "factory");
        args = List.copyOf(args);
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
        }
    }

    /**
     * A model by factory name.
     *
     * @param factory the factory's name
     * @param classes the number of classes
     * @param args the factory's arguments
     * @return the spec
     */
    public static ModelSpec of(String factory, int classes, String... args) {
        return new ModelSpec(factory, List.of(args), classes);
    }

    /** Softmax regression: {@code Models.softmaxRegression(classes)}. */
    public static ModelSpec softmax(int classes) {
        return of("softmax", classes);
    }

    /** A multilayer perceptron with the given hidden widths: {@code Models.mlp(hidden, classes)}. */
    public static ModelSpec mlp(int classes, int... hidden) {
        return of("mlp", classes, Arrays.stream(hidden).mapToObj(String::valueOf).toArray(String[]::new));
    }

    /**
     * A multilayer perceptron with optional batch normalization and dropout after each hidden
     * layer: {@code Models.mlp(hidden, classes, batchNorm, dropoutRate)}, factory {@code mlp-bn}
     * with the arguments widths (joined by commas), {@code true|false}, dropout rate.
     */
    public static ModelSpec mlp(int classes, int[] hidden, boolean batchNorm, double dropoutRate) {
        return of("mlp-bn", classes, String.join(",", Arrays.stream(hidden).mapToObj(String::valueOf).toList()),
                String.valueOf(batchNorm), String.valueOf(dropoutRate));
    }

    /** The PyTorch-example CNN: {@code Models.pytorchExampleCnn(classes, dropoutRate)}. */
    public static ModelSpec cnn(int classes, double dropoutRate) {
        return of("cnn", classes, String.valueOf(dropoutRate));
    }

    /** The PyTorch-example CNN with batch normalization: {@code Models.pytorchExampleCnnBatchNorm(classes, dropoutRate)}. */
    public static ModelSpec cnnBatchNorm(int classes, double dropoutRate) {
        return of("cnn-batchnorm", classes, String.valueOf(dropoutRate));
    }

    /**
     * A deep MLP ({@link DeepMlp}), its settings as {@code key=value} arguments: {@code depth},
     * {@code width}, {@code activation}, {@code batchnorm}, {@code residual}.
     */
    public static ModelSpec deepMlp(int classes, DeepMlp mlp) {
        return of(DEEP_MLP, classes, "depth=" + mlp.depth(), "width=" + mlp.width(),
                "activation=" + mlp.activation().label(), "batchnorm=" + mlp.batchNorm(), "residual=" + mlp.residual());
    }

    @Override
    public String toString() {
        return factory + args + " → " + classes + " classes";
    }
}
