package org.atelier.core.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.atelier.core.AtelierException;
import org.atelier.core.trial.DataSpec;

/**
 * How a search scores a candidate, as scikit-learn's {@code cv} argument: stratified k-fold (what
 * sklearn's {@code cv=k} means for a classifier), plain shuffled k-fold ({@code KFold(k,
 * shuffle=True)}), or one stratified hold-out split (a share of the training images held out once,
 * as a {@code ShuffleSplit} with one split, or Keras's {@code validation_split}). Each split is
 * a {@link DataSpec} of the recipe's own arguments ({@code folds}, {@code fold}, {@code foldKind},
 * {@code validation}), so that every (candidate, split) pair is one self-contained trial.
 *
 * @param kind the kind of split
 * @param folds k for the k-fold kinds, 1 for a hold-out split
 * @param holdOut the held-out share for {@link Kind#HOLD_OUT}, else 0
 */
public record CrossValidation(Kind kind, int folds, double holdOut) {

    /** The kinds of split. */
    public enum Kind {
        /** k folds, each keeping the class shares of the whole. */
        STRATIFIED_K_FOLD,
        /** k folds of shuffled samples, class shares left to chance. */
        K_FOLD,
        /** one stratified hold-out split. */
        HOLD_OUT
    }

    /** Checks the values. */
    public CrossValidation {
        if (kind == Kind.HOLD_OUT) {
            if (folds != 1 || !(holdOut > 0 && holdOut < 1)) {
                throw new AtelierException("a hold-out split needs one split and a share in (0, 1), got " + holdOut);
            }
        } else if (folds < 2 || holdOut != 0) {
            throw new AtelierException("k-fold cross-validation needs k ≥ 2 folds, got " + folds);
        }
    }

    /** Stratified k-fold, sklearn's default for classifiers. */
    public static CrossValidation stratifiedKFold(int k) {
        return new CrossValidation(Kind.STRATIFIED_K_FOLD, k, 0);
    }

    /** Plain shuffled k-fold. */
    public static CrossValidation kFold(int k) {
        return new CrossValidation(Kind.K_FOLD, k, 0);
    }

    /** One stratified hold-out split of the given share. */
    public static CrossValidation holdOut(double share) {
        return new CrossValidation(Kind.HOLD_OUT, 1, share);
    }

    /**
     * Reads the forms {@code 5} (stratified 5-fold, as sklearn's {@code cv=5}), {@code
     * stratified:5}, {@code kfold:5} and {@code holdout:0.2}.
     *
     * @param text the text
     * @return the cross-validation
     * @throws AtelierException naming the accepted forms
     */
    public static CrossValidation parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int colon = t.indexOf(':');
        String kind = colon < 0 ? "stratified" : t.substring(0, colon);
        String value = colon < 0 ? t : t.substring(colon + 1);
        try {
            return switch (kind) {
                case "stratified" -> stratifiedKFold(Integer.parseInt(value));
                case "kfold" -> kFold(Integer.parseInt(value));
                case "holdout" -> holdOut(Double.parseDouble(value));
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | AtelierException e) {
            throw new AtelierException("cv '" + text + "' is not understood; use K (stratified K-fold, K ≥ 2),"
                    + " stratified:K, kfold:K or holdout:SHARE with 0 < SHARE < 1");
        }
    }

    /** How many splits each candidate is scored on. */
    public int splitCount() {
        return folds;
    }

    /**
     * The data of each split, derived from the data of the whole training pool.
     *
     * @param pool the recipe and arguments of the whole training pool (its validation share is replaced)
     * @return one data spec per split, in fold order
     */
    public List<DataSpec> splits(DataSpec pool) {
        if (kind == Kind.HOLD_OUT) {
            return List.of(pool.with("validation", holdOut));
        }
        List<DataSpec> specs = new ArrayList<>(folds);
        DataSpec folded = pool.with("validation", 0).with("folds", folds)
                .with("foldKind", kind == Kind.STRATIFIED_K_FOLD ? "stratified" : "plain");
        for (int fold = 0; fold < folds; fold++) {
            specs.add(folded.with("fold", fold));
        }
        return List.copyOf(specs);
    }

    /** The data a refit trains on: the whole pool, nothing held out. */
    public DataSpec refit(DataSpec pool) {
        return pool.with("validation", 0);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case STRATIFIED_K_FOLD -> "stratified " + folds + "-fold";
            case K_FOLD -> "shuffled " + folds + "-fold";
            case HOLD_OUT -> String.format(Locale.ROOT, "one stratified hold-out split of %.0f %%", 100 * holdOut);
        };
    }
}
