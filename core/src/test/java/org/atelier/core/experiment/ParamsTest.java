package org.atelier.core.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.atelier.core.AtelierException;
import org.junit.jupiter.api.Test;

class ParamsTest {

    private static final List<Param<?>> ALL_TYPES = List.of(
            Param.ofInt("epochs", 10, "training epochs").smoke(1).between(1, 1000),
            Param.ofLong("samples", 60_000L, "training samples").smoke(300L).min(1),
            Param.ofDouble("learning_rate", 0.1, "SGD step size").between(1e-6, 10),
            Param.ofBoolean("augment", true, "random flips").smoke(false),
            Param.ofString("label", "run", "free text"),
            Param.ofChoice("optimizer", List.of("sgd", "adam"), "sgd", "update rule"),
            Param.ofInts("hidden_sizes", List.of(10, 20, 50), "hidden layer widths").smoke(List.of(10)).min(1),
            Param.ofDoubles("dropouts", List.of(0.0, 0.5), "dropout rates").between(0, 1));

    private static final Experiment EXPERIMENT = new TestExperiment("typed", "data", ALL_TYPES, c -> { });

    private static Params resolve(boolean smoke, Map<String, String> overrides) {
        return Params.resolve(EXPERIMENT, smoke, overrides);
    }

    @Test
    void defaultsOfEveryType() {
        Params p = resolve(false, Map.of());
        assertEquals(10, p.getInt("epochs"));
        assertEquals(60_000L, p.getLong("samples"));
        assertEquals(0.1, p.getDouble("learning_rate"));
        assertTrue(p.getBoolean("augment"));
        assertEquals("run", p.getString("label"));
        assertEquals("sgd", p.getString("optimizer"));
        assertEquals(List.of(10, 20, 50), p.getInts("hidden_sizes"));
        assertEquals(List.of(0.0, 0.5), p.getDoubles("dropouts"));
        assertEquals(List.of("epochs", "samples", "learning_rate", "augment", "label", "optimizer", "hidden_sizes", "dropouts"),
                List.copyOf(p.asMap().keySet()));
    }

    @Test
    void smokeDefaultsApplyOnlyWhereDeclaredAndSetBeatsSmoke() {
        Params smoke = resolve(true, Map.of("epochs", "3"));
        assertEquals(3, smoke.getInt("epochs"), "--set beats the smoke default");
        assertEquals(300L, smoke.getLong("samples"));
        assertFalse(smoke.getBoolean("augment"));
        assertEquals(List.of(10), smoke.getInts("hidden_sizes"));
        assertEquals(0.1, smoke.getDouble("learning_rate"), "no smoke default declared: the default");
    }

    @Test
    void overridesOfEveryTypeAreParsed() {
        Params p = resolve(false, Map.of("epochs", " 7 ", "samples", "5000000000", "learning_rate", "1e-3",
                "augment", "FALSE", "label", "a b", "optimizer", "Adam", "hidden_sizes", "5, 6,7", "dropouts", "0.25"));
        assertEquals(7, p.getInt("epochs"));
        assertEquals(5_000_000_000L, p.getLong("samples"));
        assertEquals(1e-3, p.getDouble("learning_rate"));
        assertFalse(p.getBoolean("augment"));
        assertEquals("a b", p.getString("label"));
        assertEquals("adam", p.getString("optimizer"), "choices match case-insensitively, canonical spelling kept");
        assertEquals(List.of(5, 6, 7), p.getInts("hidden_sizes"));
        assertEquals(List.of(0.25), p.getDoubles("dropouts"));
        assertEquals("epochs=7 samples=5000000000 learning_rate=0.001 augment=false label=a b optimizer=adam"
                + " hidden_sizes=5,6,7 dropouts=0.25", p.toString());
    }

    @Test
    void unknownKeyListsTheValidOnes() {
        AtelierException e = assertThrows(AtelierException.class, () -> resolve(false, Map.of("nope", "1")));
        assertTrue(e.getMessage().startsWith("unknown parameter 'nope' for experiment typed; valid keys: epochs, samples,"),
                e.getMessage());
        assertTrue(e.getMessage().contains("./atelier describe typed"), e.getMessage());
    }

    @Test
    void illTypedValuesNameKeyValueAndExpectation() {
        assertRejected("epochs", "ten", "expected an integer in [1, 1000]");
        assertRejected("epochs", "2.5", "expected an integer in [1, 1000]");
        assertRejected("samples", "x", "expected an integer ≥ 1");
        assertRejected("learning_rate", "fast", "expected a number in [0.000001, 10]");
        assertRejected("learning_rate", "NaN", "expected a number");
        assertRejected("augment", "yes", "expected true or false");
        assertRejected("optimizer", "rmsprop", "expected one of sgd, adam");
        assertRejected("hidden_sizes", "10,,20", "expected comma-separated integers ≥ 1, e.g. 10,20,50");
        assertRejected("hidden_sizes", "", "expected comma-separated integers");
        assertRejected("dropouts", "0.5,a", "expected comma-separated numbers in [0, 1]");
    }

    @Test
    void outOfRangeValuesAreRejected() {
        assertRejected("epochs", "0", "[1, 1000]");
        assertRejected("epochs", "1001", "[1, 1000]");
        assertRejected("learning_rate", "11", "[0.000001, 10]");
        assertRejected("hidden_sizes", "10,0", "≥ 1");
        assertRejected("dropouts", "1.5", "in [0, 1]");
    }

    private static void assertRejected(String key, String value, String expectation) {
        AtelierException e = assertThrows(AtelierException.class, () -> resolve(false, Map.of(key, value)));
        assertTrue(e.getMessage().startsWith("invalid value '" + value + "' for parameter " + key + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expectation), e.getMessage());
    }

    @Test
    void wrongTypeAccessIsAProgrammingError() {
        Params p = resolve(false, Map.of());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.getInt("learning_rate"));
        assertTrue(e.getMessage().contains("learning_rate is of type double, not int"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> p.getDouble("epochs"));
        assertThrows(IllegalStateException.class, () -> p.getInts("dropouts"));
        assertThrows(IllegalStateException.class, () -> p.getInt("undeclared"));
    }

    @Test
    void declarationsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Param.ofInt("epochs", 0, "d").min(1), "default out of bounds");
        assertThrows(IllegalArgumentException.class, () -> Param.ofInt("epochs", 5, "d").min(1).smoke(0), "smoke out of bounds");
        assertThrows(IllegalArgumentException.class, () -> Param.ofInt("Epochs", 5, "d"), "not snake_case");
        assertThrows(IllegalArgumentException.class, () -> Param.ofChoice("opt", List.of("a"), "b", "d"), "default not a choice");
        assertThrows(IllegalStateException.class, () -> Param.ofBoolean("flag", true, "d").min(0), "bounds on a boolean");
        Experiment twice = new TestExperiment("twice", "data",
                List.of(Param.ofInt("n", 1, "d"), Param.ofInt("n", 2, "d")), c -> { });
        assertThrows(IllegalStateException.class, () -> Params.resolve(twice, false, Map.of()));
    }

    @Test
    void expectedAndFormatDescribeValuesAsTheCommandLineWritesThem() {
        Param<List<Double>> rates = Param.ofDoubles("rates", List.of(0.1, 0.01), "d");
        assertEquals("0.1,0.01", rates.format(rates.defaultValue()));
        assertEquals(List.of(0.1, 0.01), rates.parse(rates.format(rates.defaultValue())));
        assertEquals("a number ≤ 2", Param.ofDouble("x", 1, "d").max(2).expected());
    }
}
