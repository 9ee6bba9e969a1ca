package org.atelier.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyReportTest {

    @Test
    void eachSectionsAnswerPointsToItAndItsMetricsReachTheSink(@TempDir Path dir) throws Exception {
        StudyReport report = new StudyReport("A study").preface("**Smoke run.**");
        report.section("Data").paragraph("Ten images.");
        report.section("Result").paragraph("Accuracy 0.9.").answer("**Accuracy:** 90 %").metric("test_accuracy", 0.9);
        Map<String, Double> sink = new LinkedHashMap<>();
        RunDirectory run = RunDirectory.createAt(dir.resolve("run"), false);
        RunFile file = new RunFile("report.md", "the report");
        report.write(run, file, sink::put);

        assertEquals(Map.of("test_accuracy", 0.9), sink);
        String text = Files.readString(run.path("report.md"));
        assertTrue(text.startsWith("# A study\n\n**Smoke run.**\n\n## Answers at a glance\n\n- **Accuracy:** 90 % (§2)\n"),
                text);
        assertTrue(text.indexOf("## 1. Data") < text.indexOf("## 2. Result"), text);
        assertTrue(text.contains("## 2. Result\n\nAccuracy 0.9.\n"), text);
        assertEquals(java.util.List.of("report.md"), run.artifacts());
    }

    @Test
    void aReportWithoutAnswersHasNoAnswerHeading() {
        StudyReport report = new StudyReport("Plain");
        report.section("Only").paragraph("Text.");
        assertTrue(!report.toMarkdown().contains("Answers at a glance"));
        assertTrue(report.toMarkdown().contains("## 1. Only"));
    }
}
