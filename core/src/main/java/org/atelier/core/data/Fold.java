package org.atelier.core.data;

/**
 * One fold of a k-fold cross-validation: which samples are held out, which are fitted on.
 *
 * <p>The arrays are owned by the fold; do not modify them. As with every record holding arrays,
 * {@code equals} compares the arrays by identity.
 *
 * @param index the fold number, from 0
 * @param trainIndices the indices of the samples to fit on, ascending
 * @param testIndices the indices of the held-out samples, ascending
 */
public record Fold(int index, int[] trainIndices, int[] testIndices) {

    /**
     * Materializes this fold of a dataset.
     *
     * @param data the dataset the indices refer to
     * @return the fitting part, named {@code NAME/foldI/train}, and the held-out part, {@code NAME/foldI/validation}
     */
    public TrainValidation split(LabeledData data) {
        String prefix = data.name() + "/fold" + index;
        return new TrainValidation(data.subset(trainIndices, prefix + "/train"), data.subset(testIndices, prefix + "/validation"));
    }

    @Override
    public String toString() {
        return "Fold " + index + " (" + trainIndices.length + " train, " + testIndices.length + " test)";
    }
}
