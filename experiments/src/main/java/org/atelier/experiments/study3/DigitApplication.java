package org.atelier.experiments.study3;

import ai.djl.Model;
import ai.djl.basicdataset.cv.classification.ImageFolder;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.dataset.Record;
import ai.djl.translate.TranslateException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.atelier.core.AtelierException;
import org.atelier.core.data.DataLocator;
import org.atelier.core.data.Datasets;
import org.atelier.core.data.DigitImages;
import org.atelier.core.data.LabeledData;
import org.atelier.core.data.Subset;
import org.atelier.core.prediction.ModelManifest;
import org.atelier.core.prediction.Normalization;
import org.atelier.core.prediction.RunModels;
import org.atelier.core.prediction.SavedModel;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.report.RunFile;
import org.atelier.core.training.Inference;
import org.atelier.core.trial.TrialData;

/**
 * mnist-tiny-cnn's trained models applied outside training (exercise 10.1's {@code apply()} and
 * 10.2): each model saved to {@code models/NAME/} and the best by validation accuracy marked as
 * the default; twenty MNIST test images exported as {@code examples/example_input_NN.png}, as the
 * sheet's {@code download_dataset.py} does, and read back and classified like any image file; the
 * project's own digits ({@code own-digits/} in the data directory, one folder per class, read with
 * DJL's {@code ImageFolder}) converted as MNIST was made and classified. Every prediction goes
 * through the saved model loaded back from disk, the path {@code ./atelier predict} takes.
 */
final class DigitApplication {

    /** The run's saved models and which is the default. */
    static final RunFile MODELS = new RunFile(RunModels.FOLDER + "/" + RunModels.INDEX,
            "the saved models (models/NAME/: model.json and parameters, for ./atelier predict) and the default one");
    /** The exported examples and their predictions. */
    static final RunFile EXAMPLES = new RunFile("examples.csv",
            "the exported example inputs (examples/example_input_NN.png): true digit, predictions, probability");
    /** The own digits and their predictions. */
    static final RunFile OWN_DIGITS = new RunFile("own-digits.csv",
            "the project's own digits: true digit, size, colour, polarity, predicted digit, probability");
    /** Own digits before and after preprocessing. */
    static final RunFile PREPROCESSING = new RunFile("own-digits-preprocessing.png",
            "every own digit as drawn and as the network sees it after MNIST-style preprocessing, with its prediction");

    /** The folder the example PNGs are written into. */
    static final String EXAMPLES_FOLDER = "examples";
    /** The folder of the own digits in the data directory. */
    static final String OWN_DIGITS_FOLDER = "own-digits";

    private DigitApplication() {}

    /**
     * Saves a trained model under {@code models/NAME/} with what it needs to be used elsewhere.
     *
     * @param dir the run directory
     * @param model the model with its kept parameters
     * @param trained the model's trial, label and numbers
     * @param data its data: normalization and class names
     */
    static void save(RunDirectory dir, Model model, TrainedModel trained, TrialData data) {
        String name = trained.spec().id();
        Path folder = dir.path(RunModels.FOLDER + "/" + name + "/" + SavedModel.MANIFEST).getParent();
        long[] sample = data.test().features().getShape().slice(1).getShape();
        ModelManifest saved = SavedModel.save(model, folder, ModelManifest.of(name, trained.label(),
                trained.spec().model(), sample, ModelManifest.MNIST_DIGIT, Normalization.of(data.standardizer()),
                data.classNames()));
        dir.artifact(RunModels.FOLDER + "/" + name + "/" + SavedModel.MANIFEST);
        dir.artifact(RunModels.FOLDER + "/" + name + "/" + saved.parametersFile());
    }

    /**
     * Writes the index of the saved models, the best by validation accuracy the default (the test
     * set stays out of the choice).
     *
     * @param dir the run directory
     * @param models the trained models, each saved with {@link #save}
     * @return the default model
     */
    static TrainedModel index(RunDirectory dir, List<TrainedModel> models) {
        TrainedModel best = models.stream().max(Comparator.comparingDouble(m -> m.kept().valAccuracy())).orElseThrow();
        List<RunModels.Entry> entries = models.stream().map(m -> new RunModels.Entry(m.spec().id(), m.label(),
                String.format(Locale.ROOT, "validation accuracy %.4f, test accuracy %.4f", m.kept().valAccuracy(),
                        m.testAccuracy()))).toList();
        new RunModels(best.spec().id(), entries).write(dir.root());
        dir.artifact(MODELS.name());
        return best;
    }

    /**
     * One classified image.
     *
     * @param name the file or a short description
     * @param label the true class index
     * @param prepared the image before and after preprocessing
     * @param predicted the predicted class index
     * @param probability the probability of the predicted class
     * @param colour whether the image has colours other than grey
     */
    record Classified(String name, int label, DigitImages.Prepared prepared, int predicted, double probability,
            boolean colour) {

        boolean correct() {
            return label == predicted;
        }

        /** The exercise sheet's format: 28 × 28 grey, white digit on black. */
        boolean sheetFormat() {
            return prepared.original().width() == DigitImages.SIZE && prepared.original().height() == DigitImages.SIZE
                    && !colour && !prepared.inverted();
        }
    }

    /**
     * The examples: images as PNG files, and the class the saved model gives the dataset's own
     * pixels (what a test-set evaluation sees) next to the class it gives the file.
     *
     * @param images the classified files
     * @param fromDataset the predicted class of each image's dataset pixels
     * @param meanChange the mean absolute difference between the dataset's pixels and the
     *     preprocessed file's, over all pixels of all examples (values 0–1)
     */
    record Examples(List<Classified> images, int[] fromDataset, double meanChange) {

        int correct() {
            return (int) images.stream().filter(Classified::correct).count();
        }
    }

    /**
     * Exports the first {@code count} MNIST test images as PNG (white digit on black, 28 × 28
     * grey, pixel values as stored), reads them back as image files and classifies them.
     *
     * @param dir the run directory
     * @param data the data directory
     * @param model the saved model, loaded back
     * @param count how many
     * @return the classified examples
     */
    static Examples examples(RunDirectory dir, DataLocator data, SavedModel model, int count) {
        LabeledData test = Datasets.mnist(data, Subset.TEST).head(count);
        List<Path> files = new ArrayList<>();
        int pixels = DigitImages.SIZE * DigitImages.SIZE;
        for (int i = 0; i < test.size(); i++) {
            BufferedImage image = new BufferedImage(DigitImages.SIZE, DigitImages.SIZE, BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < pixels; p++) {
                int value = Math.round(test.featureValues()[i * pixels + p] * 255);
                image.getRaster().setSample(p % DigitImages.SIZE, p / DigitImages.SIZE, 0, value);
            }
            RunFile file = new RunFile(String.format(Locale.ROOT, "%s/example_input_%02d.png", EXAMPLES_FOLDER, i),
                    "MNIST test image " + i + " (a " + test.classNames().get(test.labels()[i]) + ") as PNG");
            files.add(dir.write(file, out -> ImageIO.write(image, "png", out)));
        }
        List<DigitImages.Prepared> prepared = files.stream().map(f -> DigitImages.prepare(DigitImages.read(f))).toList();
        List<Classified> images = classify(model, prepared, test.labels(),
                files.stream().map(f -> EXAMPLES_FOLDER + "/" + f.getFileName()).toList());
        int[] fromDataset = model.classify(test.featureValues(), test.size()).classes();
        double change = 0;
        for (int i = 0; i < prepared.size(); i++) {
            for (int p = 0; p < pixels; p++) {
                change += Math.abs(prepared.get(i).pixels()[p] - test.featureValues()[i * pixels + p]);
            }
        }
        return new Examples(images, fromDataset, change / ((double) pixels * prepared.size()));
    }

    /**
     * The own digits' folder: {@code own-digits} in the data directory, else the repository's
     * {@code data/own-digits}, found from the working directory upwards (the repository ships it).
     *
     * @param data the data directory
     * @return the folder
     * @throws AtelierException naming where it was looked for when neither place has it
     */
    static Path ownDigitsFolder(DataLocator data) {
        Path inData = data.datasetDir(OWN_DIGITS_FOLDER);
        if (Files.isDirectory(inData)) {
            return inData;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("data").resolve(OWN_DIGITS_FOLDER);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AtelierException("the project's own digits are neither in " + inData + " nor in a data/"
                + OWN_DIGITS_FOLDER + " above the working directory; run from the repository, or copy its data/"
                + OWN_DIGITS_FOLDER + " into " + data.root());
    }

    /**
     * Reads the own digits with DJL's {@code ImageFolder} (one folder per class, named after the
     * class), converts each as MNIST was made and classifies it.
     *
     * @param folder the folder
     * @param model the saved model, loaded back
     * @param manager a manager for the images read
     * @return the classified digits, in the folder's order
     */
    static List<Classified> ownDigits(Path folder, SavedModel model, NDManager manager) {
        ImageFolder images = ImageFolder.builder().setRepositoryPath(folder).optFlag(Image.Flag.COLOR)
                .setSampling(1, false).build();
        List<DigitImages.Prepared> prepared = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        Map<String, Integer> perClass = new HashMap<>();
        try (NDManager scope = manager.newSubManager()) {
            images.prepare();
            List<String> synset = images.getSynset();
            for (long i = 0; i < images.size(); i++) {
                Record record = images.get(scope, i);
                String className = synset.get(record.getLabels().singletonOrThrow().toType(DataType.INT32, false).getInt());
                int label = model.classNames().indexOf(className);
                if (label < 0) {
                    throw new AtelierException("own-digit folder " + className + " in " + folder + " is not a class of"
                            + " the model (" + String.join(", ", model.classNames()) + "); rename or remove it");
                }
                prepared.add(DigitImages.prepare(DigitImages.grey(record.getData().singletonOrThrow())));
                labels.add(label);
                names.add(className + " #" + perClass.merge(className, 1, Integer::sum));
            }
        } catch (IOException | TranslateException e) {
            throw new AtelierException("cannot read the own digits in " + folder + " (" + e.getMessage()
                    + "); check that every file there is an image", e);
        }
        return classify(model, prepared, labels.stream().mapToInt(Integer::intValue).toArray(), names);
    }

    private static List<Classified> classify(SavedModel model, List<DigitImages.Prepared> prepared, int[] labels,
            List<String> names) {
        int pixels = DigitImages.SIZE * DigitImages.SIZE;
        float[] all = new float[prepared.size() * pixels];
        for (int i = 0; i < prepared.size(); i++) {
            System.arraycopy(prepared.get(i).pixels(), 0, all, i * pixels, pixels);
        }
        Inference.Predictions predictions = model.classify(all, prepared.size());
        List<Classified> out = new ArrayList<>();
        for (int i = 0; i < prepared.size(); i++) {
            int predicted = predictions.classes()[i];
            out.add(new Classified(names.get(i), labels[i], prepared.get(i), predicted,
                    predictions.probability(i, predicted), hasColour(prepared.get(i).original())));
        }
        return out;
    }

    private static boolean hasColour(DigitImages.Grey image) {
        for (int rgb : image.rgb()) {
            int r = (rgb >> 16) & 0xff;
            int g = (rgb >> 8) & 0xff;
            int b = rgb & 0xff;
            if (r != g || g != b) {
                return true;
            }
        }
        return false;
    }
}
