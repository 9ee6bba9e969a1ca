package org.atelier.core.trial;

import ai.djl.nn.Block;
import java.util.List;
import org.atelier.core.AtelierException;

/** Builds a network from its string arguments: what a {@link ModelSpec} names. */
@FunctionalInterface
public interface ModelFactory {

    /**
     * Builds a fresh, uninitialized block.
     *
     * @param args the spec's arguments
     * @param classes the number of output classes
     * @return the block, returning logits
     * @throws AtelierException for arguments it cannot use, naming what it expects
     */
    Block create(List<String> args, int classes);
}
