package org.atelier.core.report.chart;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.atelier.core.report.AtomicFiles;

/** A rendered figure that can be saved as PNG. */
public interface Figure {

    /** Renders the figure at its configured size. */
    BufferedImage render();

    /**
     * Renders the figure and writes it as PNG, atomically. A run saves its figures with {@link
     * org.atelier.core.report.RunDirectory#save}, which calls this and registers the file.
     *
     * @param target the {@code .png} file to create or replace
     * @return the target
     */
    default Path save(Path target) {
        BufferedImage image = render();
        return AtomicFiles.write(target, out -> ImageIO.write(image, "png", out));
    }
}
