package org.atelier.core.trial;

import ai.djl.nn.Block;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.translate.Transform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.atelier.core.AtelierException;
import org.atelier.core.data.Datasets;
import org.atelier.core.models.DeepMlp;
import org.atelier.core.models.Initializers;
import org.atelier.core.models.Models;
import org.atelier.core.transform.RandomAffine;
import org.atelier.core.transform.RandomCrop;
import org.atelier.core.transform.RandomErasing;
import org.atelier.core.transform.RandomFlipHorizontal;
import org.atelier.core.transform.TransformPipeline;

/**
 * The core's trial parts: the models {@code softmax}, {@code mlp}, {@code mlp-bn} (the MLP with
 * batch normalization and dropout), {@code cnn} and {@code
 * cnn-batchnorm} (the same CNN with batch normalization after each convolution and fc1) and {@code
 * deep-mlp} ({@link DeepMlp}, {@link ModelSpec#deepMlp}), the data
 * recipes {@code fashion-mnist} and {@code mnist} ({@link IdxImageRecipe}) and the initializers
 * {@code normal-fan-in} ({@link Initializers#normalFanIn()}, the default) and {@code xavier}
 * (DJL's default {@link XavierInitializer}), {@code glorot-uniform}, {@code he-normal} and {@code
 * uniform-fan-in} ({@link Initializers}), and the batch transforms {@code flip-horizontal}
 * ({@link RandomFlipHorizontal}, argument {@code p}, default 0.5), {@code random-crop}
 * ({@link RandomCrop}, argument {@code padding}, default 2), {@code random-erasing}
 * ({@link RandomErasing}, arguments {@code p}, {@code min_area}, {@code max_area}, defaults 0.5,
 * 0.02, 0.33 as torchvision's) and {@code random-affine} ({@link RandomAffine}, arguments
 * {@code max_degrees}, {@code max_shift}, defaults 15 and 0.1), and {@code pipeline}
 * ({@link TransformPipeline}: several of them in order, see {@link TransformSpec#pipeline}).
 */
final class CoreTrialComponents implements TrialComponents {

    @Override
    public Map<String, ModelFactory> models() {
        return Map.of("softmax", CoreTrialComponents::softmax, "mlp", CoreTrialComponents::mlp,
                "mlp-bn", CoreTrialComponents::mlpBatchNorm,
                "cnn", (args, classes) -> Models.pytorchExampleCnn(classes, dropoutRate("cnn", args)),
                "cnn-batchnorm", (args, classes) -> Models.pytorchExampleCnnBatchNorm(classes,
                        dropoutRate("cnn-batchnorm", args)),
                ModelSpec.DEEP_MLP, (args, classes) -> deepMlp(args).build(classes));
    }

    @Override
    public Map<String, DataRecipe> data() {
        return Map.of(Datasets.FASHION_MNIST, IdxImageRecipe.fashionMnist(), Datasets.MNIST, IdxImageRecipe.mnist());
    }

    @Override
    public Map<String, Supplier<Initializer>> initializers() {
        return Map.of(FitSpec.NORMAL_FAN_IN, Initializers::normalFanIn, "xavier", XavierInitializer::new,
                FitSpec.GLOROT_UNIFORM, Initializers::glorotUniform, FitSpec.HE_NORMAL, Initializers::heNormal,
                FitSpec.UNIFORM_FAN_IN, Initializers::uniformFanIn);
    }

    @Override
    public Map<String, TransformFactory> transforms() {
        return Map.of("flip-horizontal", (args, seed) -> new RandomFlipHorizontal(
                Arguments.of("transform flip-horizontal", args, "p").getDouble("p", 0.5), seed),
                "random-crop", (args, seed) -> new RandomCrop(Math.toIntExact(
                        Arguments.of("transform random-crop", args, "padding").getLong("padding", 2)), seed),
                "random-erasing", CoreTrialComponents::randomErasing,
                "random-affine", CoreTrialComponents::randomAffine,
                TransformSpec.PIPELINE, CoreTrialComponents::pipeline);
    }

    /** The steps of {@link TransformSpec#pipeline}, each from the registry with its own seed from the trial's. */
    private static TransformPipeline pipeline(Map<String, String> args, long seed) {
        TreeMap<Integer, String> names = new TreeMap<>();
        TreeMap<Integer, Map<String, String>> stepArgs = new TreeMap<>();
        args.forEach((key, value) -> {
            int dot = key.indexOf('.');
            int number = step(dot < 0 ? key : key.substring(0, dot));
            if (dot < 0) {
                names.put(number, value);
            } else {
                stepArgs.computeIfAbsent(number, n -> new TreeMap<>()).put(key.substring(dot + 1), value);
            }
        });
        if (names.isEmpty() || !names.keySet().containsAll(stepArgs.keySet())
                || names.lastKey() != names.size()) {
            throw new AtelierException("transform pipeline needs steps numbered 1, 2, … each with a name; got " + args);
        }
        SplittableRandom seeds = new SplittableRandom(seed);
        TrialRegistry registry = TrialRegistry.instance();
        List<Transform> steps = new ArrayList<>();
        names.forEach((number, name) -> steps.add(registry.transform(name)
                .create(stepArgs.getOrDefault(number, Map.of()), seeds.nextLong())));
        return TransformPipeline.of(steps);
    }

    private static int step(String number) {
        try {
            int step = Integer.parseInt(number);
            if (step >= 1) {
                return step;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new AtelierException("transform pipeline: '" + number + "' is not a step number (1, 2, …)");
    }

    private static RandomAffine randomAffine(Map<String, String> args, long seed) {
        Arguments values = Arguments.of("transform random-affine", args, "max_degrees", "max_shift");
        return new RandomAffine(values.getDouble("max_degrees", 15), values.getDouble("max_shift", 0.1), seed);
    }

    private static RandomErasing randomErasing(Map<String, String> args, long seed) {
        Arguments values = Arguments.of("transform random-erasing", args, "p", "min_area", "max_area");
        return new RandomErasing(values.getDouble("p", 0.5), values.getDouble("min_area", 0.02),
                values.getDouble("max_area", 0.33), seed);
    }

    /** The {@link DeepMlp} of {@link ModelSpec#deepMlp}'s {@code key=value} arguments. */
    private static DeepMlp deepMlp(List<String> args) {
        Map<String, String> values = new TreeMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals < 1) {
                throw new AtelierException("model " + ModelSpec.DEEP_MLP + " takes key=value arguments, got '" + arg + "'");
            }
            values.put(arg.substring(0, equals).trim(), arg.substring(equals + 1).trim());
        }
        Arguments given = Arguments.of("model " + ModelSpec.DEEP_MLP, values, "depth", "width", "activation",
                "batchnorm", "residual");
        String activation = given.getChoice("activation", "relu",
                Arrays.stream(DeepMlp.Nonlinearity.values()).map(DeepMlp.Nonlinearity::label).toList());
        try {
            return new DeepMlp(Math.toIntExact(given.getLong("depth", 5)), Math.toIntExact(given.getLong("width", 64)),
                    DeepMlp.Nonlinearity.of(activation), given.getBoolean("batchnorm", false),
                    given.getBoolean("residual", false));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new AtelierException("model " + ModelSpec.DEEP_MLP + ": " + e.getMessage());
        }
    }

    private static Block softmax(List<String> args, int classes) {
        if (!args.isEmpty()) {
            throw new AtelierException("model softmax takes no arguments, got " + args);
        }
        return Models.softmaxRegression(classes);
    }

    private static Block mlp(List<String> args, int classes) {
        int[] hidden = new int[args.size()];
        for (int i = 0; i < hidden.length; i++) {
            hidden[i] = positiveInt(args.get(i));
        }
        return Models.mlp(hidden, classes);
    }

    private static Block mlpBatchNorm(List<String> args, int classes) {
        if (args.size() != 3) {
            throw new AtelierException("model mlp-bn takes 3 arguments (hidden widths like 1024,1024; batch norm"
                    + " true|false; dropout rate), got " + args);
        }
        int[] hidden = Arrays.stream(args.get(0).split(",")).mapToInt(CoreTrialComponents::positiveInt).toArray();
        String batchNorm = args.get(1).trim();
        if (!batchNorm.equals("true") && !batchNorm.equals("false")) {
            throw new AtelierException("model mlp-bn: batch norm must be true or false, got '" + batchNorm + "'");
        }
        return Models.mlp(hidden, classes, Boolean.parseBoolean(batchNorm), dropoutRate("mlp-bn", args.subList(2, 3)));
    }

    private static int positiveInt(String text) {
        try {
            int width = Integer.parseInt(text.trim());
            if (width > 0) {
                return width;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new AtelierException("model mlp takes hidden-layer widths, whole numbers ≥ 1; got '" + text + "'");
    }

    private static float dropoutRate(String model, List<String> args) {
        if (args.size() > 1) {
            throw new AtelierException("model " + model + " takes at most one argument, the dropout rate; got " + args);
        }
        float rate = 0.5f;
        if (!args.isEmpty()) {
            try {
                rate = Float.parseFloat(args.get(0).trim());
            } catch (NumberFormatException e) {
                rate = Float.NaN;
            }
        }
        if (!(rate >= 0 && rate < 1)) {
            throw new AtelierException("model " + model + " takes a dropout rate in [0, 1); got '" + args.get(0) + "'");
        }
        return rate;
    }
}
