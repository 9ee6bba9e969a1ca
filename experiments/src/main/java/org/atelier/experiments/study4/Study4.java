package org.atelier.experiments.study4;

/** What the experiments of study 4 share: the study's name, which orders {@code ./atelier list}. */
final class Study4 {

    /** The study's name. */
    static final String STUDY = "4 — fundamentals";

    private Study4() {}
}
