package org.atelier.tools.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
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
import org.atelier.core.training.FitConfig;
import org.atelier.core.training.History;
import org.atelier.core.training.LabeledArrays;
import org.atelier.core.training.Training;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

    @Option(names = "--engines", split = ",", defaultValue = "PyTorch,MXNet", description = "Engines to bench (default: ${DEFAULT-VALUE}).")
    List<String> engines;

    @Option(names = "--models", split = ",", defaultValue = "softmax,mlp,cnn", description = "Models: softmax, mlp, cnn (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--epochs", defaultValue = "3", description = "Timed epochs per measurement, after one warm-up epoch; the median is reported (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--out", description = "Run directory (default: runs/bench/<yyyyMMdd-HHmmss>).")
    Path out;

    @Option(names = "--data-dir", description = "Data directory (default: $ATELIER_DATA, else ./data).")
    Path dataDir;

    @Option(names = "--smoke", description = "Only " + SMOKE_IMAGES + " images and a small sgemm, for tests.")
    boolean smoke;

    private PrintStream console = System.out;

    /** Where the table goes (standard output unless a test captures it). */
    void setConsole(PrintStream console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException {
        if (epochs < 1 || batchSize < 1) {
            throw new AtelierException("--epochs and --batch-size must be at least 1");
        }
        List<BenchModel> selected = models.stream().map(BenchModel::parse).toList();
        Instant started = Instant.now();
        LabeledData data = trainingData();
        Map<String, String> versions = new LinkedHashMap<>();
        List<BenchResult> results = new ArrayList<>();
        Map<String, Double> sgemm = new LinkedHashMap<>();
        for (String name : engines) {
            Backend backend = Backend.resolve(name, "cpu");
            versions.put(backend.engineName(), backend.engineVersion());
            try (NDManager manager = backend.newManager()) {
                sgemm.put(backend.label(), Sgemm.gflops(manager, smoke ? 256 : 2048, smoke ? 2 : 5));
                LabeledArrays train = LabeledArrays.of(data, manager);
                for (BenchModel model : selected) {
                    results.add(measure(backend, model, train));
                }
            }
        }
        BenchSummary summary = new BenchSummary(versions, SEED, started.toString(), params(data));
        results.forEach(summary::add);
        sgemm.forEach((engine, gflops) -> summary.add(engine + "_sgemm_gflops", gflops));
        summary.add("sgemm_gflops", sgemm.values().iterator().next());
        Path directory = out != null ? out : defaultRunDirectory();
        Path file = summary.write(directory, (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1e3);
        printTable(results, sgemm);
        console.println("wrote " + file);
        return 0;
    }

    private BenchResult measure(Backend backend, BenchModel model, LabeledArrays train) {
        Timings facade;
        try (Model m = Model.newInstance(model.id(), backend.device(), backend.engineName())) {
            m.setBlock(model.newBlock());
            FitConfig config = FitConfig.builder().setEpochs(1 + epochs).setBatchSize(batchSize)
                    .optSgd(LEARNING_RATE).optSeed(SEED).optProgress(null).build();
            History history = Training.fit(m, train, null, config);
            facade = new Timings(history.epochs().subList(1, history.epochs().size()).stream()
                    .map(e -> e.seconds()).toList());
        }
        Timings plain;
        try (Model m = Model.newInstance(model.id(), backend.device(), backend.engineName())) {
            m.setBlock(model.newBlock());
            plain = PlainDjlLoop.time(m, train, batchSize, LEARNING_RATE, 1, epochs);
        }
        return new BenchResult(backend.engineName(), model, train.size(), facade, plain);
    }

    private LabeledData trainingData() throws IOException {
        Path dir = (dataDir != null ? dataDir : defaultDataDir()).resolve("fashion-mnist");
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        Path labels = dir.resolve("train-labels-idx1-ubyte.gz");
        for (Path file : List.of(images, labels)) {
            if (!Files.isReadable(file)) {
                throw new AtelierException("missing " + file + "; fetch Fashion-MNIST with data/fetch or set --data-dir");
            }
        }
        LabeledData data = Datasets.fashionMnist(new DataLocator(dir.getParent()), Subset.TRAIN);
        return smoke ? data.head(SMOKE_IMAGES) : data;
    }

    private static Path defaultDataDir() {
        String env = System.getenv("ATELIER_DATA");
        return Path.of(env != null && !env.isBlank() ? env : "data");
    }

    private static Path defaultRunDirectory() {
        return Path.of("runs", "bench", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    private Map<String, Object> params(LabeledData data) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("engines", engines);
        params.put("models", models);
        params.put("epochs", epochs);
        params.put("warmup_epochs", 1);
        params.put("batch_size", batchSize);
        params.put("learning_rate", LEARNING_RATE);
        params.put("optimizer", "sgd");
        params.put("train_images", data.size());
        params.put("smoke", smoke);
        params.put("threads", Runtime.getRuntime().availableProcessors());
        return params;
    }

    private void printTable(List<BenchResult> results, Map<String, Double> sgemm) {
        String header = String.format(Locale.ROOT, "%-8s %-8s %10s %10s %7s %10s %8s",
                "engine", "model", "s/epoch", "plain s", "ratio", "img/s", "GFLOP/s");
        console.println(header);
        console.println("-".repeat(header.length()));
        for (BenchResult r : results) {
            console.println(String.format(Locale.ROOT, "%-8s %-8s %10.3f %10.3f %7.2f %10.0f %8.1f",
                    r.engine(), r.model().id(), r.secondsPerEpoch(), r.plain().median(), r.ratioToPlain(),
                    r.imagesPerSecond(), r.gflops()));
        }
        sgemm.forEach((engine, gflops) -> console.println(
                String.format(Locale.ROOT, "sgemm %s: %.1f GFLOP/s", engine, gflops)));
    }
}
