package org.atelier.experiments.study1;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.atelier.core.data.DataLocator;
import org.atelier.core.data.Datasets;
import org.atelier.core.data.LabeledData;
import org.atelier.core.data.Splits;
import org.atelier.core.data.Standardizer;
import org.atelier.core.data.Subset;
import org.atelier.core.data.TrainValidation;
import org.atelier.core.experiment.ExperimentContext;
import org.atelier.core.study.StudyData;
import org.atelier.core.training.LabeledArrays;

/**
 * The data of study 1: the 60 000 Fashion-MNIST training images split stratified into training
 * and validation (10 % held out, seeded), the 10 000 test images as test set, every pixel scaled
 * to [0, 1] and then standardized with ONE mean and standard deviation computed on the training
 * split only (the validation and test images must not influence the preprocessing).
 *
 * @param train the training split as arrays
 * @param validation the validation split
 * @param test the test set
 * @param classNames the ten class names
 * @param pixelMean the training split's pixel mean (after /255)
 * @param pixelStd the training split's pixel standard deviation
 */
public record FashionData(LabeledArrays train, LabeledArrays validation, LabeledArrays test, List<String> classNames,
        double pixelMean, double pixelStd) implements StudyData {

    /** The share of the training images held out for validation. */
    public static final double VALIDATION_FRACTION = 0.1;

    /** Samples a smoke run keeps: training, validation, test. */
    private static final int[] SMOKE_SIZES = {400, 200, 200};

    /**
     * Loads, splits and standardizes the data; a smoke run keeps a few hundred images of each part.
     *
     * @param context the run (data location, split seed, smoke flag)
     * @param manager the manager that will own the arrays
     * @return the data
     */
    public static FashionData load(ExperimentContext context, NDManager manager) {
        return prepare(context.data(), context.seed(), context.smoke(), manager);
    }

    /**
     * Loads, splits and standardizes the data outside an experiment run (e.g. in a test).
     *
     * @param locator where the data lives
     * @param splitSeed the seed of the stratified split
     * @param smoke whether to keep only a few hundred images of each part
     * @param manager the manager that will own the arrays
     * @return the data
     */
    public static FashionData prepare(DataLocator locator, long splitSeed, boolean smoke, NDManager manager) {
        TrainValidation split = Splits.stratified(Datasets.fashionMnist(locator, Subset.TRAIN),
                VALIDATION_FRACTION, splitSeed);
        LabeledData train = split.train();
        LabeledData validation = split.validation();
        LabeledData test = Datasets.fashionMnist(locator, Subset.TEST);
        if (smoke) {
            train = train.head(SMOKE_SIZES[0]);
            validation = validation.head(SMOKE_SIZES[1]);
            test = test.head(SMOKE_SIZES[2]);
        }
        Standardizer standardizer = Standardizer.fit(train, Standardizer.Mode.GLOBAL);
        return new FashionData(LabeledArrays.of(standardizer.apply(train), manager),
                LabeledArrays.of(standardizer.apply(validation), manager),
                LabeledArrays.of(standardizer.apply(test), manager),
                train.classNames(), standardizer.mean()[0], standardizer.std()[0]);
    }

    /** The number of input features per image (784). */
    public int featureCount() {
        return Math.toIntExact(train.features().getShape().size() / train.size());
    }
}
