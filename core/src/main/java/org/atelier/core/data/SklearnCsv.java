package org.atelier.core.data;

import ai.djl.ndarray.types.Shape;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the small tabular datasets that scikit-learn bundles as CSV ({@code wine_data.csv},
 * {@code iris.csv}, {@code breast_cancer.csv}).
 *
 * <p>The first line is {@code N_SAMPLES,N_FEATURES,CLASS_NAME...}; each following line holds
 * {@code N_FEATURES} numbers and the class index. Blank lines are ignored. A row with the wrong
 * number of columns, a value that is not a finite number, a class outside the named classes, or a
 * row count that differs from the header's is a {@link DataException} naming the file and line.
 */
public final class SklearnCsv {

    private SklearnCsv() {}

    /**
     * Reads a file without checksum verification: for files the caller chose (the public
     * loaders in {@link Datasets} always verify).
     *
     * @param name the dataset's name, e.g. {@code wine}
     * @param file the CSV file, raw or gzipped
     * @param featureNames one name per feature column, or an empty list to leave them unnamed
     * @return samples of shape {@code (N_FEATURES)} with the header's class names
     * @throws DataException if the file is unreadable or malformed
     */
    public static LabeledData read(String name, Path file, List<String> featureNames) {
        return read(name, file, featureNames, ContentCheck.NONE);
    }

    /** Reads the file, handing the content digest to {@code check} after its last byte. */
    static LabeledData read(String name, Path file, List<String> featureNames, ContentCheck check) {
        try (FileContent content = FileContent.open(file);
                BufferedReader reader = new BufferedReader(new InputStreamReader(content.stream(), StandardCharsets.UTF_8))) {
            Table table = new Table(file, reader.readLine());
            if (!featureNames.isEmpty() && featureNames.size() != table.featureCount) {
                throw new DataException(file + ": the header declares " + table.featureCount + " features, the loader names "
                        + featureNames.size() + "; this is not the expected dataset: replace the file (delete it and run "
                        + FileContent.fetchCommand(file) + ")");
            }
            int lineNumber = 1;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (!line.isBlank()) {
                    table.addRow(line, lineNumber);
                }
            }
            table.checkComplete();
            check.check(file, content.sha256());
            return new LabeledData(name, new Shape(table.featureCount), table.features, table.labels, table.classNames, featureNames);
        } catch (IOException e) {
            throw FileContent.unreadable(file, e);
        }
    }

    /** The rows read so far into arrays sized by the header. */
    private static final class Table {
        private final Path file;
        private final int sampleCount;
        private final int featureCount;
        private final List<String> classNames;
        private final float[] features;
        private final int[] labels;
        private int rows;

        Table(Path file, String header) {
            this.file = file;
            String[] fields = header == null ? new String[0] : header.split(",", -1);
            if (fields.length < 3) {
                throw bad(1, "header '" + header + "' is not N_SAMPLES,N_FEATURES,CLASS_NAME...");
            }
            this.sampleCount = headerCount(fields[0], "N_SAMPLES");
            this.featureCount = headerCount(fields[1], "N_FEATURES");
            if ((long) sampleCount * featureCount > Integer.MAX_VALUE - 8) {
                throw bad(1, "header declares " + sampleCount + " × " + featureCount + " values, too many to hold");
            }
            this.classNames = Arrays.stream(fields, 2, fields.length).map(String::strip).toList();
            this.features = new float[sampleCount * featureCount];
            this.labels = new int[sampleCount];
        }

        private int headerCount(String field, String what) {
            try {
                int value = Integer.parseInt(field.strip());
                if (value >= 0) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below, with the line
            }
            throw bad(1, what + " '" + field + "' is not a non-negative integer");
        }

        void addRow(String line, int lineNumber) {
            if (rows == sampleCount) {
                throw bad(lineNumber, "more rows than the " + sampleCount + " the header declares");
            }
            String[] fields = line.split(",", -1);
            if (fields.length != featureCount + 1) {
                throw bad(lineNumber, fields.length + " columns where " + featureCount + " features and a class make " + (featureCount + 1));
            }
            for (int j = 0; j < featureCount; j++) {
                features[rows * featureCount + j] = number(fields[j], lineNumber, j + 1);
            }
            labels[rows] = classIndex(fields[featureCount], lineNumber);
            rows++;
        }

        private float number(String field, int lineNumber, int column) {
            try {
                float value = Float.parseFloat(field.strip());
                if (Float.isFinite(value)) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below, with the line and column
            }
            throw bad(lineNumber, "column " + column + " '" + field + "' is not a finite number");
        }

        private int classIndex(String field, int lineNumber) {
            try {
                int value = Integer.parseInt(field.strip());
                if (value >= 0 && value < classNames.size()) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below, with the line
            }
            throw bad(lineNumber, "class '" + field + "' is not one of the class indices 0.." + (classNames.size() - 1));
        }

        void checkComplete() {
            if (rows != sampleCount) {
                throw new DataException(file + ": the header declares " + sampleCount + " rows but " + rows
                        + " follow; the file is incomplete: replace it (for a fetched dataset, delete it and run "
                        + FileContent.fetchCommand(file) + ")");
            }
        }

        private DataException bad(int lineNumber, String problem) {
            return new DataException(file + " line " + lineNumber + ": " + problem
                    + "; fix the file or replace it (for a fetched dataset, delete it and run "
                    + FileContent.fetchCommand(file) + ")");
        }
    }
}
