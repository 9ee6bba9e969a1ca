package org.atelier.core.prediction;

import java.util.List;
import java.util.Objects;
import org.atelier.core.trial.ModelSpec;

/**
 * What a saved model's directory says about itself ({@value SavedModel#MANIFEST}): enough to
 * rebuild the network, feed it inputs as it was trained on them and name its outputs, in a process
 * that knows nothing of the run that trained it.
 *
 * <p>The parameters are DJL's own {@code .params} format, which both engines read; the network is
 * not stored as a graph (TorchScript, MXNet symbol) but named by its {@link ModelSpec}, the same
 * description trials are built from, and rebuilt as a DJL block by the model factory of that name.
 * That keeps the directory engine-neutral (a model trained on PyTorch loads on MXNet) at the price
 * of needing the factory's code on the class path: core models always, study models with the
 * experiments jar.
 *
 * @param format always {@value #FORMAT}
 * @param formatVersion the layout's version, {@value #FORMAT_VERSION}
 * @param name the model's name, e.g. {@code vgg-cnn}; the parameter file is named after it
 * @param label a readable name, e.g. {@code VGG-style CNN}
 * @param engine the engine it was trained on, e.g. {@code PyTorch}
 * @param engineVersion that engine's version
 * @param model the network: factory name, arguments, classes
 * @param inputShape the shape of one input, e.g. {@code [1, 28, 28]}
 * @param preprocessing how an image becomes an input: {@value #MNIST_DIGIT} ({@code DigitImages.prepare})
 * @param normalization the scaling of inputs after preprocessing
 * @param classNames the name of each output, in output order
 * @param parametersFile the {@code NAME-EEEE.params} file in the same directory
 * @param parametersSha256 its SHA-256, checked before it is loaded
 */
public record ModelManifest(String format, int formatVersion, String name, String label, String engine,
        String engineVersion, ModelSpec model, long[] inputShape, String preprocessing, Normalization normalization,
        List<String> classNames, String parametersFile, String parametersSha256) {

    /** The value of {@link #format()}. */
    public static final String FORMAT = "atelier-model";

    /** The layout version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    /** Images converted as MNIST was made, into 28 × 28 values in [0, 1] ({@code DigitImages.prepare}). */
    public static final String MNIST_DIGIT = "mnist-digit";

    /** Copies the lists. */
    public ModelManifest {
        classNames = classNames == null ? null : List.copyOf(classNames);
        inputShape = inputShape == null ? null : inputShape.clone();
    }

    /**
     * A manifest for a model about to be saved: the engine and the parameter file are filled in by
     * {@link SavedModel#save}.
     *
     * @param name the model's name, used for its parameter file
     * @param label a readable name
     * @param model the network
     * @param inputShape the shape of one input
     * @param preprocessing how images become inputs ({@link #MNIST_DIGIT})
     * @param normalization the input scaling
     * @param classNames the output names
     * @return the manifest
     */
    public static ModelManifest of(String name, String label, ModelSpec model, long[] inputShape,
            String preprocessing, Normalization normalization, List<String> classNames) {
        return new ModelManifest(FORMAT, FORMAT_VERSION, Objects.requireNonNull(name), label, null, null, model,
                inputShape, preprocessing, normalization, classNames, null, null);
    }

    /** This manifest with the engine and parameter file filled in. */
    ModelManifest saved(String engineName, String version, String file, String sha256) {
        return new ModelManifest(format, formatVersion, name, label, engineName, version, model, inputShape,
                preprocessing, normalization, classNames, file, sha256);
    }

    /** The number of input values per sample. */
    public int inputSize() {
        long size = 1;
        for (long d : inputShape) {
            size *= d;
        }
        return Math.toIntExact(size);
    }
}
