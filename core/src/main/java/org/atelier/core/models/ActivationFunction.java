package org.atelier.core.models;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.math3.special.Erf;
import org.atelier.core.AtelierException;

/**
 * The common activation functions, each three ways: DJL's implementation on arrays ({@link
 * #apply}, and as a {@link Block}), and its closed form and closed-form derivative in doubles
 * ({@link #value}, {@link #derivative}), so that the engine's autograd can be checked against the
 * formula and a study can tabulate where a derivative vanishes.
 *
 * <p>Constants are the usual defaults: leaky ReLU's slope α = 0.01 (PyTorch's and Keras's
 * default; DJL takes it as a {@code float}, so the engine computes with 0.01f = 0.0099999998); ELU's
 * α = 1; SELU's λ and α from Klambauer et al. 2017; GELU is the exact x·Φ(x) (PyTorch's default,
 * not the tanh approximation); SiLU is swish with β = 1. At a kink (x = 0 for the ReLU family) the
 * derivative is not defined; {@link #derivative} returns the right-hand value there, and engines
 * may differ.
 *
 * <p>Where the engines differ from the closed forms in float64 (ActivationFunctionTest): MXNet
 * 1.9.1 back-propagates SELU wrongly for x &lt; 0, λ·(f(x) + α) instead of f(x) + λα (up to 0.09
 * too small), so a SELU network trains with wrong gradients there; its GELU is computed at float32
 * precision (errors around 1e-7). Leaky ReLU differs by 2e-10 on both engines (the float slope).
 * PyTorch agrees to rounding everywhere.
 */
public enum ActivationFunction {
    /** The logistic function 1 / (1 + e^−x). */
    SIGMOID("sigmoid", "σ(x) = 1 / (1 + e^−x)", "σ(x)(1 − σ(x))", Activation::sigmoid,
            ActivationFunction::sigmoid, x -> sigmoid(x) * (1 - sigmoid(x))),
    /** The hyperbolic tangent. */
    TANH("tanh", "tanh x", "1 − tanh² x", Activation::tanh, Math::tanh, x -> 1 - Math.tanh(x) * Math.tanh(x)),
    /** max(0, x). */
    RELU("relu", "max(0, x)", "1 if x > 0, else 0", Activation::relu, x -> Math.max(0, x), x -> x >= 0 ? 1 : 0),
    /** x for x &gt; 0, else 0.01·x. */
    LEAKY_RELU("leaky-relu", "x if x > 0, else 0.01·x", "1 if x > 0, else 0.01",
            x -> Activation.leakyRelu(x, (float) ActivationFunction.LEAKY_SLOPE),
            x -> x >= 0 ? x : ActivationFunction.LEAKY_SLOPE * x, x -> x >= 0 ? 1 : ActivationFunction.LEAKY_SLOPE),
    /** x for x &gt; 0, else e^x − 1 (α = 1). */
    ELU("elu", "x if x > 0, else e^x − 1", "1 if x > 0, else e^x", x -> Activation.elu(x, 1f),
            x -> x >= 0 ? x : Math.expm1(x), x -> x >= 0 ? 1 : Math.exp(x)),
    /** λ·x for x &gt; 0, else λα(e^x − 1), with Klambauer et al.'s λ ≈ 1.0507 and α ≈ 1.6733. */
    SELU("selu", "λx if x > 0, else λα(e^x − 1)", "λ if x > 0, else λα·e^x", Activation::selu,
            x -> ActivationFunction.SELU_LAMBDA * (x >= 0 ? x : ActivationFunction.SELU_ALPHA * Math.expm1(x)),
            x -> ActivationFunction.SELU_LAMBDA * (x >= 0 ? 1 : ActivationFunction.SELU_ALPHA * Math.exp(x))),
    /** x·Φ(x), Φ the standard normal distribution function. */
    GELU("gelu", "x·Φ(x)", "Φ(x) + x·φ(x)", Activation::gelu, x -> x * normalCdf(x),
            x -> normalCdf(x) + x * Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI)),
    /** ln(1 + e^x). */
    SOFTPLUS("softplus", "ln(1 + e^x)", "σ(x)", Activation::softPlus,
            x -> Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))), ActivationFunction::sigmoid),
    /** x·σ(x), also called swish (β = 1). */
    SILU("silu", "x·σ(x)", "σ(x)(1 + x(1 − σ(x)))", x -> Activation.swish(x, 1f), x -> x * sigmoid(x),
            x -> sigmoid(x) * (1 + x * (1 - sigmoid(x))));

    /** Leaky ReLU's slope for x &lt; 0. */
    public static final double LEAKY_SLOPE = 0.01;
    /** SELU's scale λ (Klambauer et al. 2017). */
    public static final double SELU_LAMBDA = 1.0507009873554804934193349852946;
    /** SELU's α (Klambauer et al. 2017). */
    public static final double SELU_ALPHA = 1.6732632423543772848170429916717;

    private final String id;
    private final String formula;
    private final String derivativeFormula;
    private final UnaryOperator<NDArray> engine;
    private final DoubleUnaryOperator value;
    private final DoubleUnaryOperator derivative;

    ActivationFunction(String id, String formula, String derivativeFormula, UnaryOperator<NDArray> engine,
            DoubleUnaryOperator value, DoubleUnaryOperator derivative) {
        this.id = id;
        this.formula = formula;
        this.derivativeFormula = derivativeFormula;
        this.engine = engine;
        this.value = value;
        this.derivative = derivative;
    }

    /** The kebab-case name, e.g. {@code leaky-relu}. */
    public String id() {
        return id;
    }

    /** The function as a formula, e.g. {@code max(0, x)}. */
    public String formula() {
        return formula;
    }

    /** Its derivative as a formula. */
    public String derivativeFormula() {
        return derivativeFormula;
    }

    /**
     * The function on an array, element-wise, by DJL's implementation.
     *
     * @param x the input
     * @return f(x)
     */
    public NDArray apply(NDArray x) {
        return engine.apply(x);
    }

    /**
     * The closed form.
     *
     * @param x the input
     * @return f(x)
     */
    public double value(double x) {
        return value.applyAsDouble(x);
    }

    /**
     * The closed-form derivative (the right-hand one at a kink).
     *
     * @param x the input
     * @return f′(x)
     */
    public double derivative(double x) {
        return derivative.applyAsDouble(x);
    }

    /** The function as a parameterless DJL block, named by {@link #id()}, for a {@code SequentialBlock}. */
    public Block block() {
        return LambdaBlock.singleton(this::apply, id);
    }

    /**
     * E[f(Z)] and the standard deviation of f(Z) for Z ~ N(0, 1), by Gauss–Legendre quadrature of
     * f(z)·φ(z) on [−12, 0] and [0, 12] separately (so that a kink at 0 does not slow convergence);
     * the tails beyond 12 weigh less than 1e-30.
     *
     * @return {mean, standard deviation}
     */
    public double[] normalMoments() {
        double mean = normalExpectation(this::value);
        double square = normalExpectation(x -> value(x) * value(x));
        return new double[] {mean, Math.sqrt(Math.max(0, square - mean * mean))};
    }

    /**
     * Looks a function up by its {@link #id()}.
     *
     * @param id e.g. {@code gelu}
     * @return the function
     * @throws AtelierException if there is none
     */
    public static ActivationFunction of(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equalsIgnoreCase(id)).findFirst()
                .orElseThrow(() -> new AtelierException(String.format(Locale.ROOT, "unknown activation '%s'; use one"
                        + " of %s", id, Arrays.stream(values()).map(ActivationFunction::id).toList())));
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    private static double normalCdf(double x) {
        return 0.5 * Erf.erfc(-x / Math.sqrt(2));
    }

    private static double normalExpectation(DoubleUnaryOperator f) {
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(32, 1e-13, 1e-15);
        double norm = 1 / Math.sqrt(2 * Math.PI);
        org.apache.commons.math3.analysis.UnivariateFunction weighted = z -> f.applyAsDouble(z) * norm
                * Math.exp(-z * z / 2);
        return integrator.integrate(100_000, weighted, -12, 0) + integrator.integrate(100_000, weighted, 0, 12);
    }
}
