package org.atelier.spark;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atelier.core.trial.JvmCommand;

/**
 * A real Spark standalone cluster on this machine, for tests: a Master and Workers, each its own
 * JVM started from {@code $SPARK_HOME/jars} (this module's {@code target/spark-home}) on
 * 127.0.0.1, each Worker offering one core. {@link #close()} stops them all.
 */
final class StandaloneCluster implements AutoCloseable {

    private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");

    private final List<Process> processes = new ArrayList<>();
    private final String masterUrl;

    private StandaloneCluster(String masterUrl) {
        this.masterUrl = masterUrl;
    }

    /**
     * Starts a Master and {@code workers} Workers and waits until every Worker has registered.
     *
     * @param workers how many Workers, one core each
     * @param workerMemory each Worker's memory for executors, e.g. {@code 2g}
     * @param dir where the processes' logs and the Workers' work folders go
     * @return the running cluster
     * @throws Exception if a process cannot start or the Workers do not register within two minutes
     */
    static StandaloneCluster start(int workers, String workerMemory, Path dir) throws Exception {
        int port = freePort();
        int uiPort = freePort();
        StandaloneCluster cluster = new StandaloneCluster("spark://127.0.0.1:" + port);
        try {
            cluster.launch("master", dir, List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", String.valueOf(port), "--webui-port", String.valueOf(uiPort)));
            for (int w = 1; w <= workers; w++) {
                Path work = Files.createDirectories(dir.resolve("worker-" + w));
                cluster.launch("worker-" + w, dir, List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                        "--cores", "1", "--memory", workerMemory, "--webui-port", "0", "--work-dir", work.toString(),
                        cluster.masterUrl));
            }
            cluster.awaitWorkers(uiPort, workers, dir);
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** The master's URL, e.g. {@code spark://127.0.0.1:41234}. */
    String masterUrl() {
        return masterUrl;
    }

    private void launch(String name, Path dir, List<String> mainAndArgs) throws IOException {
        Path sparkHome = SparkTrialExecutor.sparkHome();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m"));
        // Spark's --add-opens, which this JVM got from the pom
        JvmCommand.forwardedJvmOptions().stream().filter(o -> o.startsWith("--add-opens=")).forEach(command::add);
        command.addAll(List.of("-cp", sparkHome.resolve("jars") + File.separator + "*" + File.pathSeparator + slf4jSimple()));
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        processes.add(builder.start());
    }

    /** The logging binding of this class path, so that the cluster's logs say what happened. */
    private static String slf4jSimple() {
        try {
            return Path.of(Class.forName("org.slf4j.simple.SimpleLogger").getProtectionDomain().getCodeSource()
                    .getLocation().toURI()).toString();
        } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
            return "";
        }
    }

    private void awaitWorkers(int uiPort, int workers, Path dir) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + uiPort + "/json/")).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            for (Process process : processes) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("a cluster process exited with " + process.exitValue() + "; see " + dir);
                }
            }
            try {
                Matcher alive = ALIVE_WORKERS.matcher(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
                if (alive.find() && Integer.parseInt(alive.group(1)) == workers) {
                    return;
                }
            } catch (IOException notYet) {
                // the master's UI is not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(workers + " workers did not register with the master in two minutes; see " + dir);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops the Workers, then the Master (their executors end with the Workers). */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            process.destroy();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
