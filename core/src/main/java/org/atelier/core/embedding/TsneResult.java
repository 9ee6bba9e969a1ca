package org.atelier.core.embedding;

import java.util.List;

/**
 * What a t-SNE run produced: the 2-D embedding and how it got there.
 *
 * @param embedding one 2-D point per input point, in input order, centred at the origin
 * @param klDivergence KL(P ‖ Q) of the final embedding (without exaggeration)
 * @param checkpoints KL(P ‖ Q) at regular iterations during the optimization, for a convergence check
 * @param neighbors neighbours per point in the affinities ({@code 3 × perplexity})
 * @param learningRate the learning rate used
 * @param neighborSeconds wall time of the nearest-neighbour search (0 when the neighbours were given)
 * @param affinitySeconds wall time of the perplexity calibration and symmetrization
 * @param optimizationSeconds wall time of the gradient descent, initialization included
 * @param cpuSeconds CPU time of the whole process (all its threads, the engine's included) during
 *     the run, or NaN where the JVM does not report it: on a shared machine less noisy than wall time
 */
public record TsneResult(Points embedding, double klDivergence, List<Checkpoint> checkpoints, int neighbors,
        double learningRate, double neighborSeconds, double affinitySeconds, double optimizationSeconds,
        double cpuSeconds) {

    /**
     * The state at one iteration.
     *
     * @param iteration iterations done
     * @param klDivergence KL(P ‖ Q) at that point
     * @param extent the larger side of the embedding's bounding box
     * @param seconds wall time of the optimization so far
     */
    public record Checkpoint(int iteration, double klDivergence, double extent, double seconds) {}

    /** Copies the checkpoints. */
    public TsneResult {
        checkpoints = List.copyOf(checkpoints);
    }

    /** The wall time of the whole run: search, affinities and optimization. */
    public double totalSeconds() {
        return neighborSeconds + affinitySeconds + optimizationSeconds;
    }
}
