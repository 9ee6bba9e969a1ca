package org.atelier.core.autodiff;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The elementary operations of a computational graph, each with its value, its local partial
 * derivatives (as numbers and as formulas for the trace tables) and the same operation on DJL
 * {@link NDArray}s, so that one expression can be evaluated by the project's reverse-mode engine,
 * in plain doubles (finite differences) and by an engine's autograd.
 */
public enum Op {
    /** An independent variable; no arguments. */
    INPUT(0, "input", "%s"),
    /** A number; no arguments. */
    CONSTANT(0, "const", "%s"),
    /** a + b. */
    ADD(2, "+", "%s + %s"),
    /** a − b. */
    SUBTRACT(2, "−", "%s − %s"),
    /** a · b. */
    MULTIPLY(2, "×", "%s × %s"),
    /** a / b. */
    DIVIDE(2, "/", "%s / %s"),
    /** a to the power b (a &gt; 0 where b is not an integer). */
    POWER(2, "^", "%s ^ %s"),
    /** −a. */
    NEGATE(1, "neg", "−%s"),
    /** Natural logarithm. */
    LN(1, "ln", "ln %s"),
    /** e to the power a. */
    EXP(1, "exp", "exp %s"),
    /** Sine. */
    SIN(1, "sin", "sin %s"),
    /** Cosine. */
    COS(1, "cos", "cos %s"),
    /** Hyperbolic tangent. */
    TANH(1, "tanh", "tanh %s"),
    /** The logistic function 1 / (1 + e^−a). */
    SIGMOID(1, "σ", "σ(%s)"),
    /** Square root. */
    SQRT(1, "√", "√%s");

    private final int arity;
    private final String symbol;
    private final String format;

    Op(int arity, String symbol, String format) {
        this.arity = arity;
        this.symbol = symbol;
        this.format = format;
    }

    /** How many arguments the operation takes. */
    public int arity() {
        return arity;
    }

    /** A short symbol for drawings, e.g. {@code ×} or {@code ln}. */
    public String symbol() {
        return symbol;
    }

    /**
     * The operation written out with the given argument names, e.g. {@code ln v₋₁}.
     *
     * @param args the arguments' names, {@link #arity()} of them
     * @return the formula
     */
    public String formula(String... args) {
        return String.format(format, (Object[]) args);
    }

    /**
     * The value of the operation.
     *
     * @param a the first argument (ignored by operations without arguments)
     * @param b the second argument (ignored by unary operations)
     * @return the value
     */
    public double value(double a, double b) {
        return switch (this) {
            case INPUT, CONSTANT -> throw new IllegalStateException(this + " has no arguments to compute from");
            case ADD -> a + b;
            case SUBTRACT -> a - b;
            case MULTIPLY -> a * b;
            case DIVIDE -> a / b;
            case POWER -> Math.pow(a, b);
            case NEGATE -> -a;
            case LN -> Math.log(a);
            case EXP -> Math.exp(a);
            case SIN -> Math.sin(a);
            case COS -> Math.cos(a);
            case TANH -> Math.tanh(a);
            case SIGMOID -> 1 / (1 + Math.exp(-a));
            case SQRT -> Math.sqrt(a);
        };
    }

    /**
     * The local partial derivative ∂out/∂argument at the given arguments: what the reverse sweep
     * multiplies the output's adjoint by.
     *
     * @param argument 0 for a, 1 for b
     * @param a the first argument
     * @param b the second argument
     * @param out the operation's value at (a, b), which some partials reuse
     * @return the partial derivative
     */
    public double partial(int argument, double a, double b, double out) {
        checkArgument(argument);
        boolean first = argument == 0;
        return switch (this) {
            case INPUT, CONSTANT -> throw new IllegalStateException(this + " has no arguments");
            case ADD -> 1;
            case SUBTRACT -> first ? 1 : -1;
            case MULTIPLY -> first ? b : a;
            case DIVIDE -> first ? 1 / b : -a / (b * b);
            case POWER -> first ? b * Math.pow(a, b - 1) : out * Math.log(a);
            case NEGATE -> -1;
            case LN -> 1 / a;
            case EXP -> out;
            case SIN -> Math.cos(a);
            case COS -> -Math.sin(a);
            case TANH -> 1 - out * out;
            case SIGMOID -> out * (1 - out);
            case SQRT -> 0.5 / out;
        };
    }

    /**
     * The local partial derivative as a formula in the arguments' names, e.g. {@code cos v₀} for
     * ∂(sin v₀)/∂v₀, for the reverse-sweep table.
     *
     * @param argument 0 for a, 1 for b
     * @param args the arguments' names
     * @return the formula
     */
    public String partialFormula(int argument, String... args) {
        checkArgument(argument);
        boolean first = argument == 0;
        String a = args[0];
        String b = arity == 2 ? args[1] : "";
        return switch (this) {
            case INPUT, CONSTANT -> throw new IllegalStateException(this + " has no arguments");
            case ADD -> "1";
            case SUBTRACT -> first ? "1" : "−1";
            case MULTIPLY -> first ? b : a;
            case DIVIDE -> first ? "1/" + b : "−" + a + "/" + b + "²";
            case POWER -> first ? b + "·" + a + "^(" + b + "−1)" : a + "^" + b + "·ln " + a;
            case NEGATE -> "−1";
            case LN -> "1/" + a;
            case EXP -> "exp " + a;
            case SIN -> "cos " + a;
            case COS -> "−sin " + a;
            case TANH -> "1 − tanh² " + a;
            case SIGMOID -> "σ(" + a + ")(1 − σ(" + a + "))";
            case SQRT -> "1/(2√" + a + ")";
        };
    }

    /**
     * The same operation on an engine's arrays, so that the engine's autograd differentiates it.
     *
     * @param a the first argument
     * @param b the second argument, {@code null} for unary operations
     * @return the result
     */
    public NDArray apply(NDArray a, NDArray b) {
        return switch (this) {
            case INPUT, CONSTANT -> throw new IllegalStateException(this + " has no arguments to compute from");
            case ADD -> a.add(b);
            case SUBTRACT -> a.sub(b);
            case MULTIPLY -> a.mul(b);
            case DIVIDE -> a.div(b);
            case POWER -> a.pow(b);
            case NEGATE -> a.neg();
            case LN -> a.log();
            case EXP -> a.exp();
            case SIN -> a.sin();
            case COS -> a.cos();
            case TANH -> a.tanh();
            case SIGMOID -> Activation.sigmoid(a);
            case SQRT -> a.sqrt();
        };
    }

    private void checkArgument(int argument) {
        if (argument < 0 || argument >= arity) {
            throw new IllegalArgumentException(this + " has " + arity + " argument(s), not an argument " + argument);
        }
    }
}
