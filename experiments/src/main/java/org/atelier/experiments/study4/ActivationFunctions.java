package org.atelier.experiments.study4;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.atelier.core.AtelierException;
import org.atelier.core.experiment.Experiment;
import org.atelier.core.experiment.ExperimentContext;
import org.atelier.core.experiment.Param;
import org.atelier.core.experiment.Params;
import org.atelier.core.models.ActivationFunction;
import org.atelier.core.models.ActivationProfile;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.report.RunFile;
import org.atelier.core.report.chart.ChartFigure;
import org.atelier.core.report.chart.FigureGrid;
import org.atelier.core.report.chart.LineChart;

/**
 * {@code activation-functions}: sigmoid, tanh, ReLU, leaky ReLU, ELU, SELU, GELU, softplus and
 * SiLU, each computed by the engine (DJL's implementation) and differentiated by its autograd in
 * float64, checked against the closed forms, drawn in one grid, and tabulated: the derivative's
 * maximum, where it saturates (|f′| below a threshold) and the output's mean on N(0, 1) inputs.
 */
public final class ActivationFunctions implements Experiment {

    static final RunFile GRID = new RunFile("activation-functions.png",
            "each function and its derivative (autograd, float64), saturated stretches shaded, in a 3 × 3 grid");
    static final RunFile TABLE_CSV = new RunFile("activation-functions.csv",
            "per function: derivative maximum and where, where it saturates, output mean and std on N(0, 1), autograd's"
                    + " errors against the closed forms");
    static final RunFile TABLE_MD = new RunFile("activation-functions.md", "the same as a Markdown table");

    @Override
    public String name() {
        return "activation-functions";
    }

    @Override
    public String description() {
        return "Nine activation functions and their autograd derivatives against the closed forms: maxima, saturation,"
                + " output mean on N(0,1)";
    }

    @Override
    public String study() {
        return Study4.STUDY;
    }

    @Override
    public String details() {
        return """
                How do the common activation functions pass gradients? For sigmoid, tanh, ReLU, leaky ReLU (0.01),
                ELU (α = 1), SELU, GELU (exact), softplus and SiLU/swish: the engine computes f on a grid of
                `points` points over [−range, range] (midpoints, so that none sits on the kink at 0) in float64,
                its autograd the derivative, and both are checked against the closed forms. One figure grid shows
                each f and f′ with the stretches where |f′| < `threshold` shaded; a table gives each derivative's
                maximum and where it is reached, where the function saturates, and the mean of f(z) over
                `samples` engine-drawn z ~ N(0, 1) (with its standard error and the exact value by quadrature),
                which says whether a layer's outputs stay centred.""";
    }

    @Override
    public List<Param<?>> parameters() {
        return List.of(
                Param.ofDouble("range", 6, "the grid covers [−range, range]").between(1, 50),
                Param.ofInt("points", 1200, "grid points (midpoints of equal steps; even, so that none is 0)").smoke(200)
                        .between(10, 1_000_000),
                Param.ofDouble("threshold", 0.01, "|f′| below this counts as saturated").between(0, 1),
                Param.ofInt("samples", 1_000_000, "N(0, 1) samples for the output mean").smoke(10_000)
                        .between(100, 10_000_000));
    }

    @Override
    public List<RunFile> outputs() {
        return List.of(ActivationFunctionsReport.REPORT, GRID, TABLE_CSV, TABLE_MD);
    }

    @Override
    public void run(ExperimentContext context) {
        Params params = context.params();
        RunDirectory dir = context.runDirectory();
        double[] grid = midpoints(params.getDouble("range"), params.getInt("points"));
        double threshold = params.getDouble("threshold");
        List<ActivationResult> results = new ArrayList<>();
        for (ActivationFunction function : ActivationFunction.values()) {
            ActivationProfile profile = ActivationProfile.of(context.manager(), function, grid, threshold);
            double[] sampled = sampledMoments(context.manager(), function, params.getInt("samples"));
            double[] exact = function.normalMoments();
            results.add(new ActivationResult(profile, sampled[0], sampled[1], exact[0], exact[1]));
        }
        dir.save(GRID, figure(results, threshold, context.backend().engineName()));
        dir.csv(TABLE_CSV, ActivationResult.table(results));
        dir.markdown(TABLE_MD, ActivationResult.table(results), 4);

        ActivationFunctionsReport report = new ActivationFunctionsReport(context.backend().engineName(), grid,
                threshold, params.getInt("samples"), context.smoke());
        report.functions(results, GRID);
        report.check(results);
        report.derivatives(results, TABLE_CSV);
        report.saturation(results);
        report.outputs(results);
        report.report().write(dir, ActivationFunctionsReport.REPORT, context::metric);
    }

    /** n midpoints of equal steps over [−range, range]; n even, so that none is 0, where the ReLU family has a kink. */
    private static double[] midpoints(double range, int n) {
        if (n % 2 != 0) {
            throw new AtelierException("points=" + n + " would put a grid point on the kink at x = 0; use an even"
                    + " number, e.g. points=" + (n + 1));
        }
        double step = 2 * range / n;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -range + (i + 0.5) * step;
        }
        return x;
    }

    /** The mean of f(z) over engine-drawn z ~ N(0, 1), in float64, and its standard error. */
    private static double[] sampledMoments(NDManager manager, ActivationFunction function, int samples) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray z = scope.randomNormal(0f, 1f, new Shape(samples), DataType.FLOAT32).toType(DataType.FLOAT64, false);
            NDArray out = function.apply(z);
            double mean = out.mean().getDouble();
            double std = Math.sqrt(out.sub(mean).square().sum().getDouble() / (samples - 1));
            return new double[] {mean, std / Math.sqrt(samples)};
        }
    }

    private static FigureGrid figure(List<ActivationResult> results, double threshold, String engine) {
        List<ChartFigure> panels = new ArrayList<>();
        String shade = String.format(Locale.ROOT, "|f′| < %s", threshold);
        for (ActivationResult r : results) {
            ActivationProfile p = r.profile();
            panels.add(LineChart.builder().title(r.function().id() + ": f(x) = " + r.function().formula())
                    .xLabel("x").yLabel("f(x), f′(x)")
                    .series("f(x)", p.x(), p.values())
                    .series("f′(x) (autograd)", p.x(), p.derivatives())
                    .shadeX(shade, p.saturated())
                    .size(620, 430).build());
        }
        return new FigureGrid("Activation functions and their derivatives (" + engine + " autograd, float64)", 3,
                panels);
    }
}
