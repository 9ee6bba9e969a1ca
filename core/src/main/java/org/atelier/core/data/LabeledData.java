package org.atelier.core.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A labelled dataset held in memory as one flat {@code float[]}: images or table rows with an
 * integer class per sample.
 *
 * <p>Instances are immutable by contract: the arrays passed in are owned by the instance and the
 * accessors hand out the same arrays without copying (copying 188 MB of Fashion-MNIST per call
 * would be wasteful), so callers must not modify them. Subsets copy.
 *
 * <p>Conversion to tensors happens once per split ({@link #features(NDManager)}); batches are then
 * sliced from that one array, never built per sample. {@link #toDataset} hands the same two arrays to
 * DJL as an {@link ArrayDataset}, for DJL's own training loop.
 */
public final class LabeledData {

    private final String name;
    private final Shape sampleShape;
    private final float[] features;
    private final int[] labels;
    private final List<String> classNames;
    private final List<String> featureNames;

    /**
     * Creates a dataset whose features have no names (images).
     *
     * @param name a short name for messages and reports, e.g. {@code fashion-mnist/train}
     * @param sampleShape the shape of one sample, e.g. {@code (1, 28, 28)} or {@code (13)}
     * @param features all samples, row-major, {@code size × sampleShape.size()} values
     * @param labels one class index per sample, each in {@code [0, classNames.size())}
     * @param classNames the class names in index order
     */
    public LabeledData(String name, Shape sampleShape, float[] features, int[] labels, List<String> classNames) {
        this(name, sampleShape, features, labels, classNames, List.of());
    }

    /**
     * Creates a dataset whose features have names (tables).
     *
     * @param name a short name for messages and reports, e.g. {@code wine}
     * @param sampleShape the shape of one sample, e.g. {@code (13)}
     * @param features all samples, row-major, {@code size × sampleShape.size()} values
     * @param labels one class index per sample, each in {@code [0, classNames.size())}
     * @param classNames the class names in index order
     * @param featureNames one name per feature value in sample order, or an empty list for unnamed features
     */
    public LabeledData(String name, Shape sampleShape, float[] features, int[] labels, List<String> classNames,
            List<String> featureNames) {
        this.name = Objects.requireNonNull(name);
        this.sampleShape = Objects.requireNonNull(sampleShape);
        this.features = Objects.requireNonNull(features);
        this.labels = Objects.requireNonNull(labels);
        this.classNames = List.copyOf(classNames);
        this.featureNames = List.copyOf(featureNames);
        long perSample = sampleShape.size();
        if (!featureNames.isEmpty() && featureNames.size() != perSample) {
            throw new IllegalArgumentException(name + ": " + featureNames.size() + " feature names for samples of shape " + sampleShape);
        }
        if (features.length != labels.length * perSample) {
            throw new IllegalArgumentException(name + ": " + features.length + " feature values do not match "
                    + labels.length + " samples of shape " + sampleShape);
        }
        for (int label : labels) {
            if (label < 0 || label >= classNames.size()) {
                throw new IllegalArgumentException(name + ": label " + label + " outside [0, " + classNames.size() + ")");
            }
        }
    }

    /** The dataset's name, e.g. {@code fashion-mnist/train}. */
    public String name() {
        return name;
    }

    /** The number of samples. */
    public int size() {
        return labels.length;
    }

    /** The shape of one sample. */
    public Shape sampleShape() {
        return sampleShape;
    }

    /** The number of values per sample. */
    public int featureCount() {
        return Math.toIntExact(sampleShape.size());
    }

    /** All feature values, row-major; do not modify. */
    public float[] featureValues() {
        return features;
    }

    /** The class index of every sample; do not modify. */
    public int[] labels() {
        return labels;
    }

    /** The class names in index order. */
    public List<String> classNames() {
        return classNames;
    }

    /** The names of the feature values in sample order (e.g. wine's {@code alcohol}), or an empty list when unnamed. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The number of classes. */
    public int numClasses() {
        return classNames.size();
    }

    /** How many samples each class has, indexed by class. */
    public int[] classCounts() {
        int[] counts = new int[numClasses()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * A new dataset with the given samples, in the given order.
     *
     * @param indices sample indices into this dataset
     * @param subsetName the name of the new dataset
     * @return the subset
     */
    public LabeledData subset(int[] indices, String subsetName) {
        int per = featureCount();
        float[] f = new float[indices.length * per];
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(features, indices[i] * per, f, i * per, per);
            l[i] = labels[indices[i]];
        }
        return new LabeledData(subsetName, sampleShape, f, l, classNames, featureNames);
    }

    /** The first {@code n} samples (or all, if there are fewer). */
    public LabeledData head(int n) {
        int k = Math.min(n, size());
        int per = featureCount();
        return new LabeledData(name, sampleShape, Arrays.copyOf(features, k * per), Arrays.copyOf(labels, k), classNames, featureNames);
    }

    /** A dataset with the same labels and new feature values of the same layout (e.g. normalized). */
    public LabeledData withFeatures(float[] newFeatures) {
        return new LabeledData(name, sampleShape, newFeatures, labels, classNames, featureNames);
    }

    /** The features as one float32 array of shape {@code (size, sampleShape...)} on the manager's device. */
    public NDArray features(NDManager manager) {
        long[] dims = new long[sampleShape.dimension() + 1];
        dims[0] = size();
        System.arraycopy(sampleShape.getShape(), 0, dims, 1, sampleShape.dimension());
        return manager.create(features, new Shape(dims));
    }

    /** The labels as one float32 array of shape {@code (size)}, the form DJL's losses and evaluators take on every engine. */
    public NDArray labels(NDManager manager) {
        float[] l = new float[labels.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = labels[i];
        }
        return manager.create(l);
    }

    /**
     * This dataset as a DJL {@link ArrayDataset}, which {@code EasyTrain.fit}, {@code Trainer.iterateDataset}
     * and DJL's evaluators take: data {@link #features(NDManager)} (shape {@code (size, sampleShape...)}, the
     * values as they are here, e.g. pixels in {@code [0, 1]}), labels {@link #labels(NDManager)} (float32
     * class indices). Both arrays are created once on {@code manager}; DJL then gathers each batch from them
     * in one indexing call, so this is as tensor-bound as Atelier's own loop. Closing {@code manager} frees them.
     *
     * @param manager the manager, hence engine and device, that holds the two arrays
     * @param batchSize the samples per batch; the last batch of an epoch may be smaller
     * @param shuffle whether each epoch visits the samples in a new random order (DJL's {@code RandomSampler},
     *     seeded by {@code Engine.getInstance().setRandomSeed}) rather than in index order
     * @return the dataset, ready to iterate ({@code prepare()} has nothing to do)
     */
    public ArrayDataset toDataset(NDManager manager, int batchSize, boolean shuffle) {
        return new ArrayDataset.Builder()
                .setData(features(manager))
                .optLabels(labels(manager))
                .setSampling(batchSize, shuffle)
                .build();
    }

    @Override
    public String toString() {
        return name + " (" + size() + " × " + sampleShape + ", " + numClasses() + " classes)";
    }
}
