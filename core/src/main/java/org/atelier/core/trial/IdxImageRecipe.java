package org.atelier.core.trial;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.atelier.core.data.DataLocator;
import org.atelier.core.data.Datasets;
import org.atelier.core.data.LabeledData;
import org.atelier.core.data.Splits;
import org.atelier.core.data.Standardizer;
import org.atelier.core.data.Subset;
import org.atelier.core.data.TrainValidation;

/**
 * The recipe of Fashion-MNIST and MNIST, study 1's preparation: the 60 000 training images split
 * stratified into training and validation (seeded), the 10 000 test images as test set, a smoke
 * run keeping the first 400, 200 and 200 of them, then every part standardized with statistics
 * fitted on the (possibly smoke-sized) training split only. Arguments: see {@link DataSpec}.
 */
final class IdxImageRecipe implements DataRecipe {

    /** The share held out for validation by default. */
    static final double DEFAULT_VALIDATION = 0.1;

    /** The split seed by default, the run seed's default. */
    static final long DEFAULT_SPLIT_SEED = 42;

    /** Samples a smoke run keeps: training, validation, test. */
    private static final int[] SMOKE_SIZES = {400, 200, 200};

    private static final List<String> STANDARDIZE = List.of("global", "per-feature", "none");

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
        Arguments a = Arguments.of("data recipe " + name, args, "validation", "splitSeed", "smoke", "standardize");
        double validationShare = a.getDouble("validation", DEFAULT_VALIDATION);
        long splitSeed = a.getLong("splitSeed", DEFAULT_SPLIT_SEED);
        boolean smoke = a.getBoolean("smoke", false);
        String standardize = a.getChoice("standardize", "global", STANDARDIZE);

        LabeledData train = loader.apply(data, Subset.TRAIN);
        LabeledData validation = null;
        if (validationShare != 0) { // a negative share is refused by the split
            TrainValidation split = Splits.stratified(train, validationShare, splitSeed);
            train = split.train();
            validation = split.validation();
        }
        LabeledData test = loader.apply(data, Subset.TEST);
        if (smoke) {
            train = train.head(SMOKE_SIZES[0]);
            validation = validation == null ? null : validation.head(SMOKE_SIZES[1]);
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
}
