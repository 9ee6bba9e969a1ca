package org.atelier.core.training;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.atelier.core.data.LabeledData;

/** Small generated datasets for training tests. */
public final class SyntheticData {

    private SyntheticData() {}

    /**
     * Gaussian blobs: class {@code c} is centred at {@code 3·e_c} (well separated) with unit noise.
     *
     * @param n samples
     * @param dims features per sample (at least {@code classes})
     * @param classes classes
     * @param seed random seed
     * @return the dataset, features of shape {@code (dims)}
     */
    public static LabeledData blobs(int n, int dims, int classes, long seed) {
        Random random = new Random(seed);
        float[] features = new float[n * dims];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
            for (int d = 0; d < dims; d++) {
                features[i * dims + d] = (float) random.nextGaussian() + (d == labels[i] ? 3f : 0f);
            }
        }
        return new LabeledData("blobs", new Shape(dims), features, labels, classNames(classes));
    }

    /**
     * Images with pixels uniform in [−0.5, 0.5] and labels uniform over the classes: centred
     * pixels of unit range, no signal.
     *
     * @param n samples
     * @param classes classes
     * @param seed random seed
     * @return the dataset, features of shape {@code (1, 28, 28)}
     */
    public static LabeledData centredNoiseImages(int n, int classes, long seed) {
        Random random = new Random(seed);
        float[] features = new float[n * 784];
        for (int i = 0; i < features.length; i++) {
            features[i] = random.nextFloat() - 0.5f;
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(classes);
        }
        return new LabeledData("noise", new Shape(1, 28, 28), features, labels, classNames(classes));
    }

    /** A copy of the dataset with its labels shuffled: the same inputs with no relation to their labels. */
    public static LabeledData shuffledLabels(LabeledData data, long seed) {
        int[] labels = data.labels().clone();
        Random random = new Random(seed);
        for (int i = labels.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = labels[i];
            labels[i] = labels[j];
            labels[j] = swap;
        }
        return new LabeledData(data.name() + "-shuffled", data.sampleShape(), data.featureValues(), labels,
                data.classNames());
    }

    private static List<String> classNames(int classes) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("c" + c);
        }
        return names;
    }
}
