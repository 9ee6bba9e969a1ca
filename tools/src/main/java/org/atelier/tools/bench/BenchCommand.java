package org.atelier.tools.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.atelier.core.AtelierException;
import org.atelier.core.data.DataLocator;
import org.atelier.core.data.Datasets;
import org.atelier.core.data.LabeledData;
import org.atelier.core.data.Subset;
import org.atelier.core.engine.Backend;
import org.atelier.core.report.MarkdownTable;
import org.atelier.core.report.RunDirectory;
import org.atelier.core.report.RunFile;
import org.atelier.core.report.Summary;
import org.atelier.core.training.FitConfig;
import org.atelier.core.training.History;
import org.atelier.core.training.LabeledArrays;
import org.atelier.core.training.Training;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * {@code atelier bench}: training throughput of the reference models on Fashion-MNIST, through
 * the Atelier training facade (what users get), next to a plain DJL loop measured in the same run
 * and the sgemm ceiling. Writes {@code summary.json} to the run directory and prints a table.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Training throughput of reference models (s/epoch, img/s, GFLOP/s) per engine, "
                + "against a plain DJL loop and the sgemm ceiling.")
public final class BenchCommand implements Callable<Integer> {

    private static final float LEARNING_RATE = 0.05f;
    private static final long SEED = 42;
    private static final int SMOKE_IMAGES = 512;
    private static final int WARM_UP_IMAGES = 15_000;
    private static final int WARM_UP_ROUNDS = 6;
    private static final RunFile CSV = new RunFile("bench.csv", "seconds per epoch, images/s and GFLOP/s per engine and model");
    private static final RunFile MARKDOWN = new RunFile("bench.md", "the same as a Markdown table");

    @Option(names = "--engines", split = ",", defaultValue = "PyTorch,MXNet", description = "Engines to bench (default: ${DEFAULT-VALUE}).")
    List<String> engines;

    @Option(names = "--device", defaultValue = "cpu", description = "Device: cpu, gpu or gpu:N (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--models", split = ",", defaultValue = "softmax,mlp,cnn", description = "Models: softmax, mlp, cnn (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--epochs", defaultValue = "3", description = "Timed epochs per loop, after one warm-up epoch; facade and plain-loop epochs alternate; the median is reported (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--out", description = "Run directory (default: runs/bench/<yyyyMMdd-HHmmss>).")
    Path out;

    @Option(names = "--data-dir", description = "Data directory (default: $ATELIER_DATA, else ./data, else ~/.atelier/data).")
    Path dataDir;

    @Option(names = "--smoke", description = "Only " + SMOKE_IMAGES + " images and a small sgemm, for tests.")
    boolean smoke;

    private PrintStream console = System.out;

    /** Where the table goes (standard output unless a test captures it). */
    void setConsole(PrintStream console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        if (epochs < 1 || batchSize < 1) {
            throw new AtelierException("--epochs and --batch-size must be at least 1");
        }
        List<BenchModel> selected = models.stream().map(BenchModel::parse).toList();
        // Every engine and the device are checked before the data is read or anything is timed.
        List<Backend> backends = engines.stream().map(name -> Backend.resolve(name, device)).toList();
        Instant started = Instant.now();
        LabeledData data = trainingData();
        Map<String, String> versions = new LinkedHashMap<>();
        List<BenchResult> results = new ArrayList<>();
        Map<String, Double> sgemm = new LinkedHashMap<>();
        for (Backend backend : backends) {
            versions.put(backend.engineName(), backend.engineVersion());
            try (NDManager manager = backend.newManager()) {
                sgemm.put(backend.label(), Sgemm.gflops(manager, smoke ? 256 : sgemmSize(backend), smoke ? 2 : 5));
                LabeledArrays train = LabeledArrays.of(data, manager);
                warmUp(backend, train);
                for (BenchModel model : selected) {
                    results.add(measure(backend, model, train, epochs));
                }
            }
        }
        RunDirectory run = out != null ? RunDirectory.createAt(out, false)
                : RunDirectory.createUnder(Path.of("runs", "bench"), LocalDateTime.now());
        Table table = resultsTable(results);
        run.csv(CSV, table);
        run.markdown(MARKDOWN, table, 3);
        Map<String, Double> metrics = new LinkedHashMap<>();
        results.forEach(r -> metrics.putAll(r.metrics()));
        sgemm.forEach((engine, gflops) -> metrics.put("sgemm_gflops_" + engine, gflops));
        metrics.put("sgemm_gflops", sgemm.values().iterator().next());
        double seconds = Duration.between(started, Instant.now()).toNanos() / 1e9;
        Path file = new Summary("bench", String.join(",", versions.keySet()), String.join(",", versions.values()),
                backends.get(0).deviceSpec(), (int) SEED, smoke, started, seconds, Summary.Status.SUCCEEDED, null, params(data), metrics,
                run.artifacts()).write(run);
        console.print(MarkdownTable.render(table, 3));
        sgemm.forEach((engine, gflops) -> console.println(
                String.format(Locale.ROOT, "sgemm %s: %.1f GFLOP/s", engine, gflops)));
        console.println("wrote " + file);
        return 0;
    }

    /**
     * Runs both loops on a slice first, untimed: on two shared cores the JIT compiler needs a few
     * epochs' worth of calls before the Java side of the loops reaches steady state (the first
     * epochs of a fresh JVM were measured up to twice as slow), and the compiled code serves every
     * model. The reported numbers are steady-state ones.
     */
    private void warmUp(Backend backend, LabeledArrays train) {
        if (!smoke) {
            measure(backend, BenchModel.MLP, train.slice(0, Math.min(train.size(), WARM_UP_IMAGES)), WARM_UP_ROUNDS);
        }
    }

    /**
     * Alternates one facade epoch and one plain-loop epoch, so that both see the same machine load
     * (the bench machine is shared); the first round is a warm-up (JIT, allocator) and not timed.
     */
    private BenchResult measure(Backend backend, BenchModel model, LabeledArrays train, int timedRounds) {
        List<Double> facade = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        try (Model facadeModel = newModel(backend, model);
                Model plainModel = newModel(backend, model);
                PlainDjlLoop plainLoop = new PlainDjlLoop(plainModel, train, batchSize, LEARNING_RATE)) {
            for (int round = 0; round <= timedRounds; round++) {
                double facadeSeconds = facadeEpoch(facadeModel, train, round);
                double plainSeconds = plainLoop.epoch();
                if (round > 0) {
                    facade.add(facadeSeconds);
                    plain.add(plainSeconds);
                }
            }
        }
        return new BenchResult(backend.engineName(), model, train.size(), new Timings(facade), new Timings(plain));
    }

    /** One epoch through {@link Training#fit}, as a user calls it; returns the epoch's seconds. */
    private double facadeEpoch(Model model, LabeledArrays train, int round) {
        FitConfig config = FitConfig.builder().setEpochs(1).setBatchSize(batchSize)
                .optSgd(LEARNING_RATE).optSeed(SEED + round).optProgress(null).build();
        History history = Training.fit(model, train, null, config);
        return history.last().seconds();
    }

    /** 2048 on a CPU (the reference); 8192 on a GPU, where 2048 finishes in well under a millisecond. */
    private static int sgemmSize(Backend backend) {
        return backend.device().isGpu() ? 8192 : 2048;
    }

    private static Model newModel(Backend backend, BenchModel model) {
        Model m = Model.newInstance(model.id(), backend.device(), backend.engineName());
        m.setBlock(model.newBlock());
        return m;
    }

    private LabeledData trainingData() {
        LabeledData data = Datasets.fashionMnist(DataLocator.resolve(dataDir), Subset.TRAIN);
        return smoke ? data.head(SMOKE_IMAGES) : data;
    }

    private Map<String, Object> params(LabeledData data) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("engines", engines);
        params.put("device", device);
        params.put("models", models);
        params.put("epochs", epochs);
        params.put("warmup_epochs", 1);
        params.put("jit_warmup", smoke ? "none" : WARM_UP_ROUNDS + " rounds of mlp on " + WARM_UP_IMAGES + " images");
        params.put("batch_size", batchSize);
        params.put("learning_rate", LEARNING_RATE);
        params.put("optimizer", "sgd");
        params.put("train_images", data.size());
        params.put("smoke", smoke);
        params.put("threads", Runtime.getRuntime().availableProcessors());
        return params;
    }

    private static Table resultsTable(List<BenchResult> results) {
        Table table = Table.create("bench", StringColumn.create("engine"), StringColumn.create("model"),
                DoubleColumn.create("seconds_per_epoch"), DoubleColumn.create("plain_seconds_per_epoch"),
                DoubleColumn.create("ratio_to_plain"), IntColumn.create("images_per_second"),
                DoubleColumn.create("gflops"));
        for (BenchResult r : results) {
            table.stringColumn("engine").append(r.engine());
            table.stringColumn("model").append(r.model().id());
            table.doubleColumn("seconds_per_epoch").append(r.secondsPerEpoch());
            table.doubleColumn("plain_seconds_per_epoch").append(r.plain().median());
            table.doubleColumn("ratio_to_plain").append(r.ratioToPlain());
            table.intColumn("images_per_second").append((int) Math.round(r.imagesPerSecond()));
            table.doubleColumn("gflops").append(r.gflops());
        }
        return table;
    }
}
