package org.atelier.experiments.study3;

import ai.djl.nn.Block;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.atelier.core.AtelierException;
import org.atelier.core.models.MnistCnns;
import org.atelier.core.trial.ModelFactory;
import org.atelier.core.trial.ModelSpec;
import org.atelier.core.trial.TrialComponents;

/**
 * Study 3's models for trials, by name: {@code tiny-cnn} ({@link MnistCnns#tiny}, no arguments,
 * 1 765 parameters) and {@code vgg-cnn} ({@link MnistCnns#vggStyle}; arguments: the stage widths
 * joined by commas, the dense units, the dropout after each stage and before the output layer).
 */
public final class Study3Components implements TrialComponents {

    /** The name of {@link MnistCnns#tiny}. */
    public static final String TINY_CNN = "tiny-cnn";
    /** The name of {@link MnistCnns#vggStyle}. */
    public static final String VGG_CNN = "vgg-cnn";

    @Override
    public Map<String, ModelFactory> models() {
        return Map.of(TINY_CNN, Study3Components::tiny, VGG_CNN, Study3Components::vgg);
    }

    /** The tiny CNN as a trial's model. */
    static ModelSpec tinySpec(int classes) {
        return ModelSpec.of(TINY_CNN, classes);
    }

    /**
     * The VGG-style CNN as a trial's model.
     *
     * @param classes the number of classes
     * @param widths the filters of each stage
     * @param dense the hidden dense units
     * @param convDropout dropout after each stage
     * @param denseDropout dropout before the output layer
     * @return the spec
     */
    static ModelSpec vggSpec(int classes, List<Integer> widths, int dense, double convDropout, double denseDropout) {
        return ModelSpec.of(VGG_CNN, classes, String.join(",", widths.stream().map(String::valueOf).toList()),
                String.valueOf(dense), String.valueOf(convDropout), String.valueOf(denseDropout));
    }

    private static Block tiny(List<String> args, int classes) {
        if (!args.isEmpty()) {
            throw new AtelierException("model " + TINY_CNN + " takes no arguments, got " + args);
        }
        return MnistCnns.tiny(classes);
    }

    private static Block vgg(List<String> args, int classes) {
        if (args.size() != 4) {
            throw new AtelierException("model " + VGG_CNN + " takes 4 arguments (stage widths like 32,64; dense units;"
                    + " stage dropout; dense dropout), got " + args);
        }
        try {
            int[] widths = Arrays.stream(args.get(0).split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            return MnistCnns.vggStyle(classes, widths, Integer.parseInt(args.get(1).trim()),
                    Float.parseFloat(args.get(2).trim()), Float.parseFloat(args.get(3).trim()));
        } catch (IllegalArgumentException e) {
            throw new AtelierException("model " + VGG_CNN + ": cannot use " + args + " (" + e.getMessage()
                    + "); expected stage widths like 32,64, dense units ≥ 1 and two dropout rates in [0, 1)");
        }
    }
}
