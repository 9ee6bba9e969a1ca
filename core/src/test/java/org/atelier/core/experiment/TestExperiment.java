package org.atelier.core.experiment;

import java.util.List;
import org.atelier.core.report.RunFile;

/**
 * A configurable experiment for the SPI's own tests: fixed metadata, the given parameters, and a
 * body that the test supplies.
 */
class TestExperiment implements Experiment {

    /** What a test experiment does when run. */
    interface Body {
        void run(ExperimentContext context) throws Exception;
    }

    private final String name;
    private final String study;
    private final List<Param<?>> parameters;
    private final Body body;

    TestExperiment(String name, String study, List<Param<?>> parameters, Body body) {
        this.name = name;
        this.study = study;
        this.parameters = parameters;
        this.body = body;
    }

    static TestExperiment named(String name, String study) {
        return new TestExperiment(name, study, List.of(), context -> { });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "test experiment " + name;
    }

    @Override
    public String study() {
        return study;
    }

    @Override
    public String details() {
        return "Exercises the experiment SPI.";
    }

    @Override
    public List<Param<?>> parameters() {
        return parameters;
    }

    @Override
    public List<RunFile> outputs() {
        return List.of();
    }

    @Override
    public void run(ExperimentContext context) throws Exception {
        body.run(context);
    }
}
