package org.atelier.core.evaluation;

import org.atelier.core.data.LabeledData;
import org.atelier.core.data.Standardizer;

/**
 * {@link Classifier#standardized()}: per-feature standardization fitted on each training part,
 * then the inner classifier.
 */
final class StandardizedClassifier implements Classifier {

    private final Classifier inner;

    StandardizedClassifier(Classifier inner) {
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public Fitted fit(LabeledData train) {
        Standardizer scaler = Standardizer.fit(train, Standardizer.Mode.PER_FEATURE);
        Fitted fitted = inner.fit(scaler.apply(train));
        return new Fitted() {
            @Override
            public int[] predict(LabeledData data) {
                return fitted.predict(scaler.apply(data));
            }

            @Override
            public void close() {
                fitted.close();
            }
        };
    }
}
