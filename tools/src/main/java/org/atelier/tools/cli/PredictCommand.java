package org.atelier.tools.cli;

import com.google.gson.GsonBuilder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.atelier.core.AtelierException;
import org.atelier.core.data.DigitImages;
import org.atelier.core.engine.Backend;
import org.atelier.core.prediction.ModelManifest;
import org.atelier.core.prediction.RunModels;
import org.atelier.core.prediction.SavedModel;
import org.atelier.core.training.Inference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code atelier predict --run RUN_DIR IMAGE...}: classifies image files with a model a run saved.
 *
 * <p>Each image is converted as MNIST was made ({@link DigitImages}): any size, grey or colour,
 * light or dark background. One line per image on stdout, {@code FILE: CLASS (P %)}, the top
 * {@code --top} classes with {@code --top}; {@code --json} prints one JSON document instead. A bad
 * image gets one line {@code atelier: FILE: problem} on stderr and the others are still
 * classified. Exit codes: 0 every image classified, 1 some could not be, 2 nothing could run (no
 * such run or model, a bad option).
 */
@Command(name = "predict", description = "Classify image files with a model a run saved (e.g. by mnist-tiny-cnn).",
        footer = {"", "Exit codes: 0 every image classified; 1 some images could not be read (one 'atelier: FILE:"
                + " problem' line each, the others are classified); 2 bad input (no such run or model, bad option)."})
final class PredictCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, paramLabel = "RUN_DIR",
            description = "A run directory that saved models (its models/ folder), or one model's directory.")
    Path run;

    @Option(names = "--model", paramLabel = "NAME", description = "Which of the run's models (default: the run's best).")
    String model;

    @Option(names = "--top", defaultValue = "1", paramLabel = "K", description = "Print the K most probable classes"
            + " (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--json", description = "Print one JSON document: the model, then per image its classes or its error.")
    boolean json;

    @Option(names = "--engine", paramLabel = "PyTorch|MXNet",
            description = "DJL engine to load the model on (default: the one it was trained on).")
    String engine;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "cpu|gpu[:N]", description = "Device (default: ${DEFAULT-VALUE}).")
    String device;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Image files: PNG, JPEG, GIF, BMP, TIFF.")
    List<Path> images;

    @Spec
    CommandSpec spec;

    /** One image's outcome: the converted image, or the problem. */
    private record Input(Path file, DigitImages.Prepared prepared, String error) {}

    @Override
    public Integer call() {
        Path modelDir = RunModels.resolve(run, model);
        ModelManifest manifest = SavedModel.manifest(modelDir);
        int classes = manifest.classNames().size();
        if (top < 1 || top > classes) {
            throw new AtelierException("--top " + top + " is out of range; the model has " + classes
                    + " classes, choose 1 to " + classes);
        }
        if (!ModelManifest.MNIST_DIGIT.equals(manifest.preprocessing())) {
            throw new AtelierException("the model in " + modelDir + " expects preprocessing '" + manifest.preprocessing()
                    + "', which predict cannot do for image files; it handles '" + ModelManifest.MNIST_DIGIT + "'");
        }
        List<Input> inputs = images.stream().map(PredictCommand::prepare).toList();
        List<Input> good = inputs.stream().filter(i -> i.error() == null).toList();
        PrintWriter err = spec.commandLine().getErr();
        inputs.stream().filter(i -> i.error() != null).forEach(i -> err.println("atelier: " + i.file() + ": " + i.error()));
        err.flush();
        Backend backend = Backend.resolve(engine == null ? manifest.engine() : engine, device);
        Inference.Predictions predictions = null;
        if (!good.isEmpty()) {
            try (SavedModel saved = SavedModel.load(modelDir, backend)) {
                predictions = saved.classify(pixels(good), good.size());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(manifest, backend, inputs, good, predictions));
        } else {
            for (int i = 0; i < good.size(); i++) {
                out.println(good.get(i).file() + ": " + String.join(", ", ranked(predictions, i, manifest).stream()
                        .map(r -> r.getKey() + String.format(Locale.ROOT, " (%.2f %%)", 100 * r.getValue())).toList()));
            }
        }
        out.flush();
        return good.size() == inputs.size() ? 0 : AtelierCli.EXIT_FAILURE;
    }

    private static Input prepare(Path file) {
        try {
            return new Input(file, DigitImages.prepare(DigitImages.read(file)), null);
        } catch (AtelierException e) {
            return new Input(file, null, AtelierCli.oneLine(e.getMessage()));
        }
    }

    private static float[] pixels(List<Input> good) {
        int size = DigitImages.SIZE * DigitImages.SIZE;
        float[] all = new float[good.size() * size];
        for (int i = 0; i < good.size(); i++) {
            System.arraycopy(good.get(i).prepared().pixels(), 0, all, i * size, size);
        }
        return all;
    }

    /** The {@code top} most probable classes of sample {@code i}, most probable first. */
    private List<Map.Entry<String, Double>> ranked(Inference.Predictions predictions, int i, ModelManifest manifest) {
        List<Map.Entry<String, Double>> all = new ArrayList<>();
        for (int c = 0; c < predictions.numClasses(); c++) {
            all.add(Map.entry(manifest.classNames().get(c), (double) predictions.probability(i, c)));
        }
        all.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        return all.subList(0, top);
    }

    private static Map<String, Object> classAndProbability(Map.Entry<String, Double> ranked) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("class", ranked.getKey());
        entry.put("probability", ranked.getValue());
        return entry;
    }

    private String json(ModelManifest manifest, Backend backend, List<Input> inputs, List<Input> good,
            Inference.Predictions predictions) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("run", run.toString());
        document.put("model", manifest.name());
        document.put("label", manifest.label());
        document.put("engine", backend.engineName());
        List<Map<String, Object>> results = new ArrayList<>();
        for (Input input : inputs) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("file", input.file().toString());
            if (input.error() != null) {
                result.put("error", input.error());
            } else {
                int i = good.indexOf(input);
                result.put("inverted", input.prepared().inverted());
                result.put("top", ranked(predictions, i, manifest).stream()
                        .map(PredictCommand::classAndProbability).toList());
            }
            results.add(result);
        }
        document.put("predictions", results);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(document);
    }
}
