package org.atelier.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.atelier.core.testing.IdxFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SklearnCsvTest {

    private static final List<String> FEATURES = List.of("x", "y");

    @TempDir
    Path temp;

    private Path csv(String content) {
        return IdxFiles.writeRaw(temp.resolve("table.csv"), content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsHeaderRowsAndNames() {
        LabeledData data = SklearnCsv.read("t", csv("3,2,low,high\n1.5,2,0\n-3,4e1,1\n0.25, 7 ,1\n"), FEATURES);
        assertEquals(new Shape(2), data.sampleShape());
        assertEquals(List.of("low", "high"), data.classNames());
        assertEquals(FEATURES, data.featureNames());
        assertArrayEquals(new float[] {1.5f, 2f, -3f, 40f, 0.25f, 7f}, data.featureValues());
        assertArrayEquals(new int[] {0, 1, 1}, data.labels());
    }

    @Test
    void gzippedAndRawAreIdentical() {
        String content = "2,2,a,b\n1,2,0\n3,4,1\n";
        LabeledData raw = SklearnCsv.read("t", csv(content), List.of());
        LabeledData gz = SklearnCsv.read("t", IdxFiles.writeGzip(temp.resolve("t.csv.gz"), content.getBytes(StandardCharsets.UTF_8)), List.of());
        assertArrayEquals(raw.featureValues(), gz.featureValues());
        assertArrayEquals(raw.labels(), gz.labels());
    }

    @Test
    void rejectsWrongColumnCountWithLineNumber() {
        assertFailure("2,2,a,b\n1,2,0\n3,1\n", "line 3", "2 columns where 2 features and a class make 3");
    }

    @Test
    void rejectsNonNumbers() {
        assertFailure("2,2,a,b\n1,2,0\n3,abc,1\n", "line 3", "column 2 'abc' is not a finite number");
        assertFailure("1,2,a,b\nNaN,2,0\n", "line 2", "not a finite number");
    }

    @Test
    void rejectsClassOutOfRange() {
        assertFailure("2,2,a,b\n1,2,2\n3,4,1\n", "line 2", "class '2' is not one of the class indices 0..1");
        assertFailure("2,2,a,b\n1,2,0\n3,4,x\n", "line 3", "class 'x'");
    }

    @Test
    void rejectsRowCountDifferentFromHeader() {
        assertFailure("3,2,a,b\n1,2,0\n3,4,1\n", "header declares 3 rows but 2 follow", "data/fetch");
        assertFailure("1,2,a,b\n1,2,0\n3,4,1\n", "line 3", "more rows than the 1 the header declares");
    }

    @Test
    void rejectsMalformedHeader() {
        assertFailure("x,2,a,b\n1,2,0\n", "line 1", "N_SAMPLES 'x'");
        assertFailure("2,2\n", "line 1", "is not N_SAMPLES,N_FEATURES,CLASS_NAME");
        assertFailure("", "line 1", "is not N_SAMPLES,N_FEATURES,CLASS_NAME");
    }

    @Test
    void rejectsFeatureNamesNotMatchingTheHeader() {
        Path file = csv("1,3,a,b\n1,2,3,0\n");
        DataException e = assertThrows(DataException.class, () -> SklearnCsv.read("t", file, FEATURES));
        assertTrue(e.getMessage().contains("declares 3 features, the loader names 2"), e.getMessage());
    }

    private void assertFailure(String content, String where, String problem) {
        Path file = csv(content);
        DataException e = assertThrows(DataException.class, () -> SklearnCsv.read("t", file, FEATURES));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(where), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }
}
