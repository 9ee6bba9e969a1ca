/**
 * Low-dimensional embeddings of feature vectors: exact nearest neighbours by blocked matrix
 * products on the engine ({@link org.atelier.core.embedding.NearestNeighbors}) and t-SNE with
 * FFT-accelerated repulsion ({@link org.atelier.core.embedding.Tsne}, the method of FIt-SNE and
 * openTSNE). Points travel as host arrays ({@link org.atelier.core.embedding.Points}); only the
 * neighbour search uses the engine, so the same code runs on every DJL engine.
 */
package org.atelier.core.embedding;
