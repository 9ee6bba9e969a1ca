package org.atelier.core.autodiff;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.atelier.core.AtelierException;

/**
 * A scalar function of variables {@code x1 … xn}, read from text such as {@code ln(x1) + x1*x2 -
 * sin(x2)}, that can be evaluated three ways from one definition: as a {@link Graph} of the
 * project's reverse-mode engine, in plain doubles (for finite differences), and on an engine's
 * arrays (for its autograd).
 *
 * <p>Grammar: numbers, variables {@code x1}, {@code x2}, …, the operators {@code + - * / ^} (with
 * the usual precedence; {@code ^} binds tightest and to the right), unary minus, parentheses and
 * the functions {@code ln} (also {@code log}), {@code exp}, {@code sin}, {@code cos}, {@code tanh},
 * {@code sigmoid}, {@code sqrt}. The function has as many variables as the highest index used.
 */
public final class Expression {

    private static final Map<String, Op> FUNCTIONS = Map.of("ln", Op.LN, "log", Op.LN, "exp", Op.EXP, "sin", Op.SIN,
            "cos", Op.COS, "tanh", Op.TANH, "sigmoid", Op.SIGMOID, "sqrt", Op.SQRT);

    private final String text;
    private final Term root;
    private final int variables;

    private Expression(String text, Term root, int variables) {
        this.text = text;
        this.root = root;
        this.variables = variables;
    }

    /**
     * Reads an expression.
     *
     * @param text e.g. {@code ln(x1) + x1*x2 - sin(x2)}
     * @return the expression
     * @throws AtelierException if the text does not follow the grammar
     */
    public static Expression parse(String text) {
        Parser parser = new Parser(text);
        Term root = parser.expression();
        parser.skipSpaces();
        if (parser.at < text.length()) {
            throw parser.error("unexpected '" + text.charAt(parser.at) + "'");
        }
        if (parser.maxVariable == 0) {
            throw new AtelierException("expression '" + text + "' has no variable; use x1, x2, …");
        }
        return new Expression(text, root, parser.maxVariable);
    }

    /** The text it was read from. */
    public String text() {
        return text;
    }

    /** How many variables it takes (the highest index used). */
    public int variables() {
        return variables;
    }

    /**
     * Builds the expression as nodes of a graph: one node per operation, evaluated as it is added.
     *
     * @param graph the graph
     * @param inputs one node per variable, {@link #variables()} of them
     * @return the output node
     */
    public Node build(Graph graph, List<Node> inputs) {
        checkCount(inputs.size());
        return root.build(graph, inputs);
    }

    /**
     * Adds one input node per variable ({@code x₁ … xₙ}) to a graph, then the expression.
     *
     * @param graph an empty graph
     * @param point the variables' values
     * @return the output node; the inputs are the graph's first nodes
     */
    public Node build(Graph graph, double... point) {
        checkCount(point.length);
        List<Node> inputs = new ArrayList<>();
        for (int i = 0; i < point.length; i++) {
            inputs.add(graph.input("x" + Subscripts.of(i + 1), point[i]));
        }
        return build(graph, inputs);
    }

    /**
     * The value in plain double arithmetic.
     *
     * @param point the variables' values
     * @return the value
     */
    public double value(double... point) {
        checkCount(point.length);
        return root.value(point);
    }

    /**
     * The expression on an engine's arrays (element-wise), so that the engine's autograd can
     * differentiate it. Constants take the first input's data type.
     *
     * @param inputs one array per variable, of one shape and type
     * @return the result
     */
    public NDArray apply(List<NDArray> inputs) {
        checkCount(inputs.size());
        return root.apply(inputs);
    }

    @Override
    public String toString() {
        return text;
    }

    private void checkCount(int count) {
        if (count != variables) {
            throw new AtelierException(String.format(Locale.ROOT, "expression '%s' has %d variable(s) (x1 … x%d) "
                    + "but %d value(s) were given; give one value per variable", text, variables, variables, count));
        }
    }

    /** A node of the syntax tree. */
    private interface Term {
        Node build(Graph graph, List<Node> inputs);

        double value(double[] point);

        NDArray apply(List<NDArray> inputs);
    }

    private record Variable(int index) implements Term {
        public Node build(Graph graph, List<Node> inputs) {
            return inputs.get(index);
        }

        public double value(double[] point) {
            return point[index];
        }

        public NDArray apply(List<NDArray> inputs) {
            return inputs.get(index);
        }
    }

    private record Constant(double number) implements Term {
        public Node build(Graph graph, List<Node> inputs) {
            return graph.constant(number);
        }

        public double value(double[] point) {
            return number;
        }

        public NDArray apply(List<NDArray> inputs) {
            NDArray like = inputs.get(0);
            double[] filled = new double[Math.toIntExact(like.size())];
            java.util.Arrays.fill(filled, number);
            return like.getManager().create(filled, like.getShape()).toType(like.getDataType(), false);
        }
    }

    private record Apply(Op op, Term a, Term b) implements Term {
        public Node build(Graph graph, List<Node> inputs) {
            Node first = a.build(graph, inputs);
            return b == null ? graph.apply(op, first) : graph.apply(op, first, b.build(graph, inputs));
        }

        public double value(double[] point) {
            return op.value(a.value(point), b == null ? 0 : b.value(point));
        }

        public NDArray apply(List<NDArray> inputs) {
            return op.apply(a.apply(inputs), b == null ? null : b.apply(inputs));
        }
    }

    /** Recursive descent over the grammar in the class comment. */
    private static final class Parser {
        private final String text;
        private int at;
        private int maxVariable;

        Parser(String text) {
            this.text = text;
        }

        Term expression() {
            Term term = product();
            for (char c = peek(); c == '+' || c == '-'; c = peek()) {
                at++;
                term = new Apply(c == '+' ? Op.ADD : Op.SUBTRACT, term, product());
            }
            return term;
        }

        private Term product() {
            Term term = unary();
            for (char c = peek(); c == '*' || c == '/'; c = peek()) {
                at++;
                term = new Apply(c == '*' ? Op.MULTIPLY : Op.DIVIDE, term, unary());
            }
            return term;
        }

        private Term unary() {
            if (peek() == '-') {
                at++;
                return new Apply(Op.NEGATE, unary(), null);
            }
            Term base = primary();
            if (peek() == '^') {
                at++;
                return new Apply(Op.POWER, base, unary());
            }
            return base;
        }

        private Term primary() {
            char c = peek();
            if (c == '(') {
                at++;
                Term inner = expression();
                expect(')');
                return inner;
            }
            if (Character.isDigit(c) || c == '.') {
                return number();
            }
            if (Character.isLetter(c)) {
                String word = word();
                if (word.matches("x[1-9][0-9]*")) {
                    int index = Integer.parseInt(word.substring(1));
                    maxVariable = Math.max(maxVariable, index);
                    return new Variable(index - 1);
                }
                Op function = FUNCTIONS.get(word);
                if (function == null) {
                    throw error("unknown name '" + word + "' (variables: x1, x2, …; functions: ln, exp, sin, cos, "
                            + "tanh, sigmoid, sqrt)");
                }
                expect('(');
                Term argument = expression();
                expect(')');
                return new Apply(function, argument, null);
            }
            throw error(at < text.length() ? "unexpected '" + c + "'" : "unexpected end");
        }

        private Term number() {
            int start = at;
            while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
                at++;
            }
            try {
                return new Constant(Double.parseDouble(text.substring(start, at)));
            } catch (NumberFormatException e) {
                throw error("bad number '" + text.substring(start, at) + "'");
            }
        }

        private String word() {
            int start = at;
            while (at < text.length() && Character.isLetterOrDigit(text.charAt(at))) {
                at++;
            }
            return text.substring(start, at);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            at++;
        }

        /** The next character after spaces, or 0 at the end. */
        private char peek() {
            skipSpaces();
            return at < text.length() ? text.charAt(at) : 0;
        }

        void skipSpaces() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        AtelierException error(String problem) {
            return new AtelierException(String.format(Locale.ROOT, "cannot read expression '%s' at position %d: %s;"
                    + " write it like ln(x1) + x1*x2 - sin(x2)", text, at + 1, problem));
        }
    }
}
