package org.atelier.core.data;

/** The two published parts of a dataset such as MNIST: the training set and the test set. */
public enum Subset {
    /** The training set (60 000 images for MNIST and Fashion-MNIST). */
    TRAIN("train"),
    /** The test set (10 000 images for MNIST and Fashion-MNIST); IDX files call it {@code t10k}. */
    TEST("t10k");

    private final String filePrefix;

    Subset(String filePrefix) {
        this.filePrefix = filePrefix;
    }

    /** The prefix of this subset's IDX file names, {@code train} or {@code t10k}. */
    public String filePrefix() {
        return filePrefix;
    }

    /** The lower-case name used in dataset names, e.g. {@code fashion-mnist/test}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
