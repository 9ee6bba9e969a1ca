/**
 * The training listeners that ship with the core, configured like Keras's callbacks ({@code
 * monitor}, {@code patience}, {@code min_delta}, {@code mode}, {@code factor}, {@code cooldown}):
 * {@link org.atelier.core.training.listener.EarlyStopping}, {@link
 * org.atelier.core.training.listener.RestoreBestEpoch}, {@link
 * org.atelier.core.training.listener.BestEpochCheckpoint} and {@link
 * org.atelier.core.training.listener.ReduceLROnPlateau}. Each is a {@link
 * org.atelier.core.training.FitListener} and steers the fit through its {@link
 * org.atelier.core.training.FitContext}. A new listener of this kind belongs here. {@link
 * org.atelier.core.training.listener.GradientNorms} is a DJL {@code TrainingListener} instead, so
 * that plain DJL code ({@code EasyTrain}) can use it too: it records per-layer gradient norms.
 */
package org.atelier.core.training.listener;
