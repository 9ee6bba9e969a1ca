package org.atelier.core.transform;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Pipeline;
import ai.djl.translate.Transform;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Several batch transforms applied one after the other, as one {@link Transform} that {@code
 * FitConfig.optBatchTransform} takes: DJL's {@link Pipeline} (which transforms an {@code NDList}
 * and is no {@code Transform} itself) behind the one-array interface. Each step keeps its own
 * seeded generator; give the steps different seeds, or their draws are correlated. {@link
 * #reseed} gives each {@link Reseedable} step its own seed drawn from the new one.
 */
public final class TransformPipeline implements Transform, Reseedable {

    private final Pipeline pipeline;
    private final List<Transform> steps;

    private TransformPipeline(List<Transform> steps) {
        this.steps = List.copyOf(steps);
        this.pipeline = new Pipeline(this.steps.toArray(Transform[]::new));
    }

    /**
     * The pipeline of the given steps, in order.
     *
     * @param steps the transforms, at least one
     * @return the pipeline
     */
    public static TransformPipeline of(List<? extends Transform> steps) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a transform pipeline needs at least one step");
        }
        return new TransformPipeline(List.copyOf(steps));
    }

    /** The steps, in order. */
    public List<Transform> steps() {
        return steps;
    }

    @Override
    public NDArray transform(NDArray array) {
        return pipeline.transform(new NDList(array)).head();
    }

    /** Reseeds every {@link Reseedable} step, step {@code i} with the {@code i}-th draw of a generator seeded with {@code seed}. */
    @Override
    public void reseed(long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        for (Transform step : steps) {
            long stepSeed = seeds.nextLong();
            if (step instanceof Reseedable reseedable) {
                reseedable.reseed(stepSeed);
            }
        }
    }

    @Override
    public String toString() {
        return "TransformPipeline" + steps;
    }
}
