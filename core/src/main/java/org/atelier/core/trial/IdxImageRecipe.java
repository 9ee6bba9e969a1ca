package org.atelier.core.trial;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.atelier.core.AtelierException;
import org.atelier.core.data.DataLocator;
import org.atelier.core.data.Datasets;
import org.atelier.core.data.Fold;
import org.atelier.core.data.LabeledData;
import org.atelier.core.data.Splits;
import org.atelier.core.data.Standardizer;
import org.atelier.core.data.Subset;
import org.atelier.core.data.TrainValidation;

/**
 * The recipe of Fashion-MNIST and MNIST, study 1's preparation: the 60 000 training images split
 * stratified into training and validation (seeded), the 10 000 test images as test set, a smoke
 * run keeping the first 400, 200 and 200 of them, then every part standardized with statistics
 * fitted on the (possibly smoke-sized) training split only. With {@code folds=k, fold=i} the
 * training images are instead cut into k folds (stratified by default, {@code foldKind=plain} for
 * scikit-learn's shuffled {@code KFold}) and fold i is the validation split, for cross-validation
 * (a smoke run folds the first 600, and keeps those 600 when nothing is held out). Arguments: see {@link DataSpec}.
 */
final class IdxImageRecipe implements DataRecipe {

    /** The share held out for validation by default. */
    static final double DEFAULT_VALIDATION = 0.1;

    /** The split seed by default, the run seed's default. */
    static final long DEFAULT_SPLIT_SEED = 42;

    /** Samples a smoke run keeps: training, validation, test. */
    private static final int[] SMOKE_SIZES = {400, 200, 200};

    private static final List<String> STANDARDIZE = List.of("global", "per-feature", "none");

    /** The fold kind that keeps each class's share in every fold (the default), and the other choice. */
    static final String STRATIFIED = "stratified";
    private static final List<String> FOLD_KINDS = List.of(STRATIFIED, "plain");

    private final String name;
    private final BiFunction<DataLocator, Subset, LabeledData> loader;

    private IdxImageRecipe(String name, BiFunction<DataLocator, Subset, LabeledData> loader) {
        this.name = name;
        this.loader = loader;
    }

    static IdxImageRecipe fashionMnist() {
        return new IdxImageRecipe(Datasets.FASHION_MNIST, Datasets::fashionMnist);
    }

    static IdxImageRecipe mnist() {
        return new IdxImageRecipe(Datasets.MNIST, Datasets::mnist);
    }

    @Override
    public DataSplits load(Map<String, String> args, DataLocator data) {
        Arguments a = Arguments.of("data recipe " + name, args, "validation", "splitSeed", "smoke", "standardize",
                "folds", "fold", "foldKind");
        double validationShare = a.getDouble("validation", DEFAULT_VALIDATION);
        long splitSeed = a.getLong("splitSeed", DEFAULT_SPLIT_SEED);
        boolean smoke = a.getBoolean("smoke", false);
        String standardize = a.getChoice("standardize", "global", STANDARDIZE);

        LabeledData train = loader.apply(data, Subset.TRAIN);
        LabeledData validation = null;
        if (args.containsKey("folds")) {
            if (validationShare != 0) {
                throw new AtelierException("data recipe " + name + ": folds and a validation share exclude each other;"
                        + " set validation=0 with folds");
            }
            TrainValidation split = fold(smoke ? train.head(SMOKE_SIZES[0] + SMOKE_SIZES[1]) : train, a, splitSeed);
            train = split.train();
            validation = split.validation();
        } else if (validationShare != 0) { // a negative share is refused by the split
            TrainValidation split = Splits.stratified(train, validationShare, splitSeed);
            train = split.train();
            validation = split.validation();
        }
        LabeledData test = loader.apply(data, Subset.TEST);
        if (smoke) {
            if (!args.containsKey("folds")) { // the folds were cut from a smoke-sized pool already
                // Nothing held out: the whole pool that folds are cut from, so that a refit sees what the folds saw.
                train = train.head(validation == null ? SMOKE_SIZES[0] + SMOKE_SIZES[1] : SMOKE_SIZES[0]);
                validation = validation == null ? null : validation.head(SMOKE_SIZES[1]);
            }
            test = test.head(SMOKE_SIZES[2]);
        }
        if (standardize.equals("none")) {
            return new DataSplits(train, validation, test, null);
        }
        Standardizer standardizer = Standardizer.fit(train, standardize.equals("global")
                ? Standardizer.Mode.GLOBAL : Standardizer.Mode.PER_FEATURE);
        return new DataSplits(standardizer.apply(train), validation == null ? null : standardizer.apply(validation),
                standardizer.apply(test), standardizer);
    }

    /** Fold {@code fold} of {@code folds} of the training images: its held-out part becomes the validation split. */
    private TrainValidation fold(LabeledData pool, Arguments a, long splitSeed) {
        long folds = a.getLong("folds", 0);
        long fold = a.getLong("fold", -1);
        String kind = a.getChoice("foldKind", STRATIFIED, FOLD_KINDS);
        if (folds < 2 || folds > pool.size() || fold < 0 || fold >= folds) {
            throw new AtelierException("data recipe " + name + ": need 2 ≤ folds ≤ " + pool.size() + " and 0 ≤ fold < folds,"
                    + " got folds=" + folds + ", fold=" + fold);
        }
        List<Fold> all = kind.equals(STRATIFIED) ? Splits.stratifiedKFold(pool, (int) folds, splitSeed)
                : Splits.kFold(pool, (int) folds, splitSeed);
        return all.get((int) fold).split(pool);
    }
}
