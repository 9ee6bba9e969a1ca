/**
 * Atelier's trials on Apache Spark: the {@code spark} trial executor ({@link
 * org.atelier.spark.SparkTrialExecutor}), offered to {@code --executor} through {@link
 * org.atelier.spark.SparkTrialExecutorFactory}. This module is the only one that depends on Spark;
 * the launcher puts it and Spark's jars on the class path only for {@code --executor spark}.
 */
package org.atelier.spark;
