package org.atelier.experiments.study4;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.atelier.core.models.DeepMlp;
import org.atelier.core.models.DeepMlp.Nonlinearity;
import org.atelier.core.trial.DataSpec;
import org.atelier.core.trial.FitSpec;
import org.atelier.core.trial.ModelSpec;
import org.atelier.core.trial.TrialSpec;

/**
 * One network of the vanishing-gradient study: a deep MLP, the initializer of its weights, and
 * (for a remedy) which plain network it repairs.
 *
 * <p>Names: a plain network is {@code <activation>_<depth>} ({@code sigmoid_20}); a remedy appends
 * what it changes ({@code sigmoid_20_xavier}, {@code relu_20_he}, {@code sigmoid_20_batchnorm},
 * {@code sigmoid_20_residual}, {@code leaky_relu_20_he}). Metrics are the name followed by the
 * quantity, e.g. {@code sigmoid_20_first_layer_gradient_norm_at_init}.
 *
 * @param name the name, snake_case
 * @param mlp the network
 * @param initializer the weight initializer's registry name
 * @param remedy what the remedy changes, e.g. {@code Xavier initialization}; null for a plain network
 * @param baseline the plain network a remedy repairs; null for a plain network
 */
record DepthConfiguration(String name, DeepMlp mlp, String initializer, String remedy, String baseline) {

    /** The activations of the plain networks, as the exercise has them. */
    static final List<Nonlinearity> PLAIN = List.of(Nonlinearity.SIGMOID, Nonlinearity.TANH, Nonlinearity.RELU);

    /**
     * The plain networks (every activation of {@link #PLAIN} at every depth, PyTorch's default
     * initialization), then the remedies at the deepest depth.
     *
     * @param depths the depths, e.g. 5, 10, 20
     * @param width the hidden layers' width
     * @return the configurations, plain ones first
     */
    static List<DepthConfiguration> all(List<Integer> depths, int width) {
        List<DepthConfiguration> all = new ArrayList<>();
        for (Nonlinearity activation : PLAIN) {
            for (int depth : depths) {
                all.add(plain(new DeepMlp(depth, width, activation, false, false)));
            }
        }
        int deepest = depths.stream().mapToInt(Integer::intValue).max().orElseThrow();
        DeepMlp sigmoid = new DeepMlp(deepest, width, Nonlinearity.SIGMOID, false, false);
        DeepMlp tanh = new DeepMlp(deepest, width, Nonlinearity.TANH, false, false);
        DeepMlp relu = new DeepMlp(deepest, width, Nonlinearity.RELU, false, false);
        all.add(remedy(sigmoid, sigmoid, FitSpec.GLOROT_UNIFORM, "xavier", "Xavier (Glorot) initialization"));
        all.add(remedy(tanh, tanh, FitSpec.GLOROT_UNIFORM, "xavier", "Xavier (Glorot) initialization"));
        all.add(remedy(relu, relu, FitSpec.HE_NORMAL, "he", "He initialization"));
        all.add(remedy(sigmoid, new DeepMlp(deepest, width, Nonlinearity.SIGMOID, true, false), FitSpec.UNIFORM_FAN_IN,
                "batchnorm", "batch normalization"));
        all.add(remedy(sigmoid, new DeepMlp(deepest, width, Nonlinearity.SIGMOID, false, true), FitSpec.UNIFORM_FAN_IN,
                "residual", "residual connections"));
        all.add(remedy(sigmoid, new DeepMlp(deepest, width, Nonlinearity.LEAKY_RELU, false, false), FitSpec.HE_NORMAL,
                "he", "leaky ReLU instead of sigmoid, He initialization"));
        return all;
    }

    private static DepthConfiguration plain(DeepMlp mlp) {
        return new DepthConfiguration(baseName(mlp), mlp, FitSpec.UNIFORM_FAN_IN, null, null);
    }

    private static DepthConfiguration remedy(DeepMlp repaired, DeepMlp mlp, String initializer, String suffix,
            String remedy) {
        return new DepthConfiguration(baseName(mlp) + "_" + suffix, mlp, initializer, remedy, baseName(repaired));
    }

    private static String baseName(DeepMlp mlp) {
        return mlp.activation().label().replace('-', '_') + "_" + mlp.depth();
    }

    /** Whether this is a remedy (not a plain network). */
    boolean isRemedy() {
        return remedy != null;
    }

    /** A title for figures and tables, e.g. {@code sigmoid, 20 layers, batch norm}. */
    String title() {
        String init = switch (initializer) {
            case FitSpec.GLOROT_UNIFORM -> "Xavier init";
            case FitSpec.HE_NORMAL -> "He init";
            default -> "default init";
        };
        return String.format(Locale.ROOT, "%s, %d layers, %s%s%s", mlp.activation().label(), mlp.depth(), init,
                mlp.batchNorm() ? ", batch norm" : "", mlp.residual() ? ", residual" : "");
    }

    /** The trial that trains it. */
    TrialSpec trial(DataSpec data, FitSpec fit, long seed) {
        return TrialSpec.of(name.replace('_', '-'), ModelSpec.deepMlp(10, mlp),
                data, fit.toBuilder().initializer(initializer).build(), seed);
    }
}
