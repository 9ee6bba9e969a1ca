package org.atelier.tools.cli;

import static org.atelier.tools.cli.AtelierCliTest.atelier;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atelier.core.prediction.RunModels;
import org.atelier.core.testing.BadImages;
import org.atelier.tools.cli.AtelierCliTest.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * {@code atelier predict} on the models a smoke run of {@code mnist-tiny-cnn} saved: the output
 * formats, agreement with the run's own predictions of its example files, and bad images.
 */
class PredictCommandTest {

    private static final Pattern LINE = Pattern.compile("(.+): (\\d) \\((\\d+\\.\\d\\d) %\\)");

    @TempDir
    static Path shared;

    @TempDir
    Path temp;

    private static Path run;

    @BeforeAll
    static void trainAndSave() {
        run = shared.resolve("run");
        Result result = atelier("run", "mnist-tiny-cnn", "--smoke", "--out", run.toString());
        assertEquals(0, result.exit(), result.err());
    }

    private static String example(int i) {
        return run.resolve("examples").resolve(String.format("example_input_%02d.png", i)).toString();
    }

    @Test
    void oneLinePerImageWithTheClassesTheRunPredicted() throws Exception {
        Result result = atelier("predict", "--run", run.toString(), example(0), example(1), example(2));
        assertEquals(0, result.exit(), result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals(3, lines.size(), result.out());
        Table examples = Table.read().csv(run.resolve("examples.csv").toFile());
        for (int i = 0; i < 3; i++) {
            Matcher line = LINE.matcher(lines.get(i));
            assertTrue(line.matches(), lines.get(i));
            assertEquals(example(i), line.group(1));
            assertEquals(examples.intColumn("predicted from the file").get(i), Integer.parseInt(line.group(2)));
            assertEquals(100 * examples.doubleColumn("probability").get(i), Double.parseDouble(line.group(3)), 0.006);
        }
    }

    @Test
    void topThreeAndAnotherModel() {
        Result top = atelier("predict", "--run", run.toString(), "--top", "3", example(4));
        assertEquals(0, top.exit(), top.err());
        String[] ranked = top.out().strip().substring(example(4).length() + 2).split(", ");
        assertEquals(3, ranked.length, top.out());
        List<Double> probabilities = new ArrayList<>();
        for (String entry : ranked) {
            assertTrue(entry.matches("\\d \\(\\d+\\.\\d\\d %\\)"), entry);
            probabilities.add(Double.parseDouble(entry.substring(3, entry.indexOf(' ', 3))));
        }
        assertTrue(probabilities.get(0) >= probabilities.get(1) && probabilities.get(1) >= probabilities.get(2),
                "most probable first: " + probabilities);
        Result first = atelier("predict", "--run", run.toString(), example(4));
        assertTrue(top.out().startsWith(first.out().strip()), "the top class is the one plain predict prints");

        Result other = atelier("predict", "--run", run.toString(), "--model", "dense-2", "--json", example(4));
        assertEquals(0, other.exit(), other.err());
        assertEquals("dense-2", JsonParser.parseString(other.out()).getAsJsonObject().get("model").getAsString());
    }

    /** A model trained on PyTorch, loaded on MXNet: the same classes. */
    @Test
    void loadsOnTheOtherEngine() {
        Result pytorch = atelier("predict", "--run", run.toString(), example(5), example(6), example(7));
        Result mxnet = atelier("predict", "--run", run.toString(), "--engine", "MXNet", example(5), example(6),
                example(7));
        assertEquals(0, mxnet.exit(), mxnet.err());
        assertEquals("MXNet", JsonParser.parseString(atelier("predict", "--run", run.toString(), "--engine", "MXNet",
                "--json", example(5)).out()).getAsJsonObject().get("engine").getAsString());
        List<String> expected = pytorch.out().lines().toList();
        List<String> actual = mxnet.out().lines().toList();
        assertEquals(3, actual.size());
        for (int i = 0; i < 3; i++) {
            // percentages may differ in the last printed digit
            assertEquals(expected.get(i).replaceAll("\\(\\d+\\.\\d\\d %\\)", ""),
                    actual.get(i).replaceAll("\\(\\d+\\.\\d\\d %\\)", ""));
        }
    }

    @Test
    void jsonParsesAndHoldsErrorsToo() throws Exception {
        Path empty = BadImages.write(temp).keySet().stream().filter(p -> p.endsWith("empty.png")).findFirst().orElseThrow();
        Result result = atelier("predict", "--run", run.toString(), "--json", "--top", "2", example(0), empty.toString());
        assertEquals(1, result.exit(), result.err());
        JsonObject document = JsonParser.parseString(result.out()).getAsJsonObject();
        assertEquals(RunModels.read(run).defaultModel(), document.get("model").getAsString());
        JsonArray predictions = document.getAsJsonArray("predictions");
        assertEquals(2, predictions.size());
        JsonObject good = predictions.get(0).getAsJsonObject();
        assertEquals(example(0), good.get("file").getAsString());
        JsonArray top = good.getAsJsonArray("top");
        assertEquals(2, top.size());
        double p0 = top.get(0).getAsJsonObject().get("probability").getAsDouble();
        double p1 = top.get(1).getAsJsonObject().get("probability").getAsDouble();
        assertTrue(p0 >= p1 && p0 + p1 <= 1 + 1e-6, p0 + ", " + p1);
        assertTrue(predictions.get(1).getAsJsonObject().get("error").getAsString().startsWith("is empty"));
        assertEquals(List.of("atelier: " + empty + ": is empty (0 bytes); save the image again"), result.errLines());
    }

    @Test
    void badImagesGetOneLineEachAndTheOthersArePredicted() throws Exception {
        Map<Path, String> bad = BadImages.write(temp);
        List<String> args = new ArrayList<>(List.of("predict", "--run", run.toString(), example(0)));
        bad.keySet().forEach(p -> args.add(p.toString()));
        args.add(example(1));
        Result result = atelier(args.toArray(String[]::new));
        assertEquals(1, result.exit(), "some images failed");
        assertEquals(2, result.out().lines().count(), result.out());
        assertTrue(result.out().startsWith(example(0) + ": "), result.out());
        List<String> errors = result.errLines();
        assertEquals(bad.size(), errors.size(), result.err());
        int i = 0;
        for (Map.Entry<Path, String> file : bad.entrySet()) {
            assertTrue(errors.get(i++).startsWith("atelier: " + file.getKey() + ": " + file.getValue()), errors.toString());
        }
    }

    @Test
    void badCommandsExitWithTwo() {
        assertBadInput(atelier("predict", "--run", run.toString(), "--model", "nope", example(0)),
                "saved no model 'nope'; choices: tiny-cnn, dense-2, vgg-cnn");
        assertBadInput(atelier("predict", "--run", temp.resolve("absent").toString(), example(0)), "does not exist");
        assertBadInput(atelier("predict", "--run", temp.toString(), example(0)), "holds no saved models");
        assertBadInput(atelier("predict", "--run", run.toString(), "--top", "11", example(0)), "choose 1 to 10");
        assertBadInput(atelier("predict", "--run", run.toString()), "IMAGE");
    }

    private static void assertBadInput(Result result, String fragment) {
        assertEquals(2, result.exit(), result.err());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().startsWith("atelier: ") && result.err().contains(fragment), result.err());
        assertEquals("", result.out());
    }
}
