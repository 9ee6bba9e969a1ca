package org.atelier.core.models;

import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.initializer.XavierInitializer.FactorType;
import ai.djl.training.initializer.XavierInitializer.RandomType;

/**
 * Weight initializers the studies prescribe. Biases keep DJL's default (zeros).
 */
public final class Initializers {

    private Initializers() {}

    /**
     * Weights drawn from N(0, σ) with σ = 1/√fan_in, where fan_in is the number of inputs of one
     * unit (784 for a dense layer on Fashion-MNIST pixels, in·k·k for a convolution).
     *
     * <p>This is DJL's Xavier initializer with Gaussian draws, the fan-in factor and magnitude 1:
     * it computes σ = √(magnitude / fan_in) per parameter shape, which a fixed-σ {@code
     * NormalInitializer} cannot do for layers of different widths.
     *
     * @return the initializer, to be set for {@code Parameter.Type.WEIGHT}
     */
    public static Initializer normalFanIn() {
        return new XavierInitializer(RandomType.GAUSSIAN, FactorType.IN, 1f);
    }
}
