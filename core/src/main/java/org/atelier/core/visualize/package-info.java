/**
 * What a trained network has learned, made visible: images synthesized by gradient ascent on the
 * input ({@link org.atelier.core.visualize.ActivationMaximizer}). Everything here speaks DJL's API
 * only and runs on any engine.
 */
package org.atelier.core.visualize;
