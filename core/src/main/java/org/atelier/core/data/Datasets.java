package org.atelier.core.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Loaders for the datasets Atelier ships experiments for. Each reads the files from a
 * {@link DataLocator} and always verifies them against {@link Checksums#builtIn()}; to read
 * files of your own, use {@link IdxReader} or {@link SklearnCsv} directly.
 */
public final class Datasets {

    /** Dataset directory and checksum name of Fashion-MNIST. */
    public static final String FASHION_MNIST = "fashion-mnist";
    /** Dataset directory and checksum name of MNIST. */
    public static final String MNIST = "mnist";
    /** Dataset directory and checksum name of the UCI wine data. */
    public static final String WINE = "wine";

    /** Fashion-MNIST's class names in label order, as Zalando publishes them. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** MNIST's class names: the digits {@code "0"} to {@code "9"}. */
    public static final List<String> DIGIT_CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    /** The wine data's 13 feature names, as scikit-learn's {@code load_wine} names them. */
    public static final List<String> WINE_FEATURES = List.of(
            "alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols", "flavanoids",
            "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue", "od280/od315_of_diluted_wines", "proline");

    private static final String WINE_FILE = "wine_data.csv";

    private Datasets() {}

    /**
     * Fashion-MNIST (Zalando): 28 × 28 grey images of 10 clothing classes.
     *
     * @param locator where the data lives
     * @param subset the training (60 000) or test (10 000) images
     * @return samples of shape {@code (1, 28, 28)}, pixels in {@code [0, 1]}, named {@code fashion-mnist/train|test}
     * @throws DataException if a file is missing, corrupt or malformed
     */
    public static LabeledData fashionMnist(DataLocator locator, Subset subset) {
        return idx(locator, FASHION_MNIST, subset, FASHION_MNIST_CLASSES);
    }

    /**
     * MNIST: 28 × 28 grey images of handwritten digits.
     *
     * @param locator where the data lives
     * @param subset the training (60 000) or test (10 000) images
     * @return samples of shape {@code (1, 28, 28)}, pixels in {@code [0, 1]}, named {@code mnist/train|test}
     * @throws DataException if a file is missing, corrupt or malformed
     */
    public static LabeledData mnist(DataLocator locator, Subset subset) {
        return idx(locator, MNIST, subset, DIGIT_CLASSES);
    }

    /**
     * The UCI wine recognition data in scikit-learn's copy: 178 wines from three cultivars
     * ({@code class_0}, {@code class_1}, {@code class_2}), 13 chemical measurements each.
     *
     * @param locator where the data lives
     * @return samples of shape {@code (13)} with {@link #WINE_FEATURES} as feature names, unscaled
     * @throws DataException if the file is missing, corrupt or malformed
     */
    public static LabeledData wine(DataLocator locator) {
        Path file = locator.find(WINE, WINE_FILE);
        return SklearnCsv.read(WINE, file, WINE_FEATURES, Checksums.builtIn().forDataset(WINE));
    }

    private static LabeledData idx(DataLocator locator, String dataset, Subset subset, List<String> classNames) {
        Path images = locator.find(dataset, subset.filePrefix() + "-images-idx3-ubyte");
        Path labels = locator.find(dataset, subset.filePrefix() + "-labels-idx1-ubyte");
        return IdxReader.read(dataset + "/" + subset.label(), images, labels, classNames,
                Checksums.builtIn().forDataset(dataset));
    }
}
