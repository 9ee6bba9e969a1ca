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

    /**
     * Glorot and Bengio's (2010) "Xavier" initialization: U(−a, a) with a = √(6 / (fan_in +
     * fan_out)), so that the variance of activations and of back-propagated gradients both stay
     * about constant through layers of a function with slope 1 at 0 (tanh). Keras's default
     * ({@code glorot_uniform}). DJL's no-argument {@code XavierInitializer} is not this one: it
     * uses magnitude 6 on the average fan, a bound √2 times larger.
     *
     * @return the initializer, to be set for {@code Parameter.Type.WEIGHT}
     */
    public static Initializer glorotUniform() {
        return new XavierInitializer(RandomType.UNIFORM, FactorType.AVG, 3f);
    }

    /**
     * He et al.'s (2015) initialization for ReLU layers: N(0, σ) with σ = √(2 / fan_in). ReLU
     * passes half of a zero-mean signal's variance, the factor 2 gives it back, so activations and
     * gradients keep their scale through any depth. PyTorch's {@code kaiming_normal_} and Keras's
     * {@code he_normal} (which truncates the normal; this one does not).
     *
     * @return the initializer, to be set for {@code Parameter.Type.WEIGHT}
     */
    public static Initializer heNormal() {
        return new XavierInitializer(RandomType.GAUSSIAN, FactorType.IN, 2f);
    }

    /**
     * U(−a, a) with a = 1/√fan_in: the weights PyTorch's {@code nn.Linear} starts with unless told
     * otherwise ({@code kaiming_uniform_} with a = √5), so what a course notebook gets without
     * choosing. Its standard deviation 1/√(3·fan_in) shrinks a signal's scale by about √3 per
     * layer (more after sigmoid or ReLU), which is why deep networks built with it lose their
     * gradients.
     *
     * @return the initializer, to be set for {@code Parameter.Type.WEIGHT}
     */
    public static Initializer uniformFanIn() {
        return new XavierInitializer(RandomType.UNIFORM, FactorType.IN, 1f);
    }
}
