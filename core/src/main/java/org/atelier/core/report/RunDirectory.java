package org.atelier.core.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.atelier.core.AtelierException;
import org.atelier.core.report.chart.Figure;
import tech.tablesaw.api.Table;

/**
 * The directory one run writes into: {@code runs/NAME/<yyyyMMdd-HHmmss>/} by default, or the
 * directory given with {@code --out}.
 *
 * <p>It is the one place that writes a run's files: figures ({@link #save}), tables ({@link
 * #csv}, {@link #markdown}), documents, JSON and text, each named by the {@link RunFile} that
 * declares it. Every file is written atomically ({@link AtomicFiles}), so a failed write never
 * leaves a half-written file or destroys the previous one, with the usual permissions of a new
 * file. It remembers the files written or {@linkplain #artifact registered} so that {@code
 * summary.json} can list them. It never deletes a file it did not create.
 */
public final class RunDirectory {

    /** The time-stamp format of default run directory names (local time). */
    public static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path root;
    private final Set<String> registered = new TreeSet<>();
    /** Held while a file is written, so that {@link #seal} waits for a write under way to complete. */
    private final Object writing = new Object();
    private boolean sealed;

    private RunDirectory(Path root) {
        this.root = root;
    }

    /**
     * The run directory of a run being built in a staging directory ({@link StagedRun#begin}).
     *
     * @param staging the staging directory, which exists
     * @return the run directory
     */
    static RunDirectory staged(Path staging) {
        return new RunDirectory(staging);
    }

    /**
     * Runs a last step (writing {@code summary.json} of an interrupted run), then refuses every
     * further write: a write under way finishes first, so the files the run leaves are complete.
     * Called from a shutdown hook while the run's own thread may still be writing.
     *
     * @param last the last writes
     */
    public void seal(Runnable last) {
        synchronized (writing) {
            if (!sealed) {
                last.run();
                sealed = true;
            }
        }
    }

    /**
     * Creates a fresh time-stamped directory {@code parent/<yyyyMMdd-HHmmss>}, appending
     * {@code -2}, {@code -3}, … when that name is taken.
     *
     * @param parent the directory that collects runs, e.g. {@code runs/softmax-regression}
     * @param time the time to stamp, usually {@code LocalDateTime.now()}
     * @return the new, empty run directory
     * @throws AtelierException if the directory cannot be created
     */
    public static RunDirectory createUnder(Path parent, LocalDateTime time) {
        String stamp = STAMP.format(time);
        try {
            Files.createDirectories(parent);
            for (int n = 1; ; n++) {
                Path candidate = parent.resolve(n == 1 ? stamp : stamp + "-" + n);
                try {
                    // createDirectory fails if the name exists, so two concurrent runs never share one.
                    return new RunDirectory(Files.createDirectory(candidate));
                } catch (FileAlreadyExistsException taken) {
                    // try the next suffix
                }
            }
        } catch (IOException e) {
            throw new AtelierException("cannot create a run directory under " + parent + ": " + e.getMessage(), e);
        }
    }

    /**
     * Uses the directory the user named with {@code --out}, creating it if needed.
     *
     * <p>A directory that already holds a {@code summary.json} is a finished run; writing into it
     * is refused unless {@code force} is set, in which case files with the same names are replaced
     * and all other files are kept.
     *
     * @param dir the directory
     * @param force whether to write into a directory that already holds a run
     * @return the run directory
     * @throws AtelierException if {@code dir} is a file, holds a run without {@code force}, or
     *     cannot be created
     */
    public static RunDirectory createAt(Path dir, boolean force) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new AtelierException("--out " + dir + " is a file, not a directory; choose a directory path");
        }
        if (!force && Files.exists(dir.resolve(Summary.FILE.name()))) {
            throw new AtelierException("--out " + dir + " already holds a run (" + Summary.FILE.name()
                    + "); choose another directory, or add --force to write into it (same-named files are replaced, others kept)");
        }
        try {
            return new RunDirectory(Files.createDirectories(dir));
        } catch (IOException e) {
            throw new AtelierException("cannot create the run directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The directory itself. */
    public Path root() {
        return root;
    }

    /**
     * The path of a file in this directory, for code that writes files itself (DJL model files,
     * another run's summary); parent directories are created. Register the file with {@link
     * #artifact}. Files of this run's own making go through the writers ({@link #save}, {@link
     * #csv}, {@link #markdown}, {@link #json}, {@link #writeString}) instead.
     *
     * @param name a relative path such as {@code model-0010.params} or {@code pytorch/summary.json}
     * @return the path under {@link #root()}
     * @throws IllegalArgumentException if {@code name} is absolute or leaves the directory
     */
    public Path path(String name) {
        Path file = root.resolve(name).normalize();
        if (Path.of(name).isAbsolute() || !file.startsWith(root.normalize()) || file.equals(root.normalize())) {
            throw new IllegalArgumentException("run file name must be relative and stay inside the run directory: " + name);
        }
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new AtelierException("cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
        return file;
    }

    /**
     * Renders a figure and writes it as PNG.
     *
     * @param file the file, e.g. {@code loss.png}
     * @param figure the chart or image grid
     * @return the file's path
     */
    public Path save(RunFile file, Figure figure) {
        synchronized (writing) {
            requireOpen();
            return register(figure.save(path(file.name())));
        }
    }

    /**
     * Writes a table as CSV (header row, comma-separated, full precision).
     *
     * @param file the file, e.g. {@code history.csv}
     * @param table the table
     * @return the file's path
     */
    public Path csv(RunFile file, Table table) {
        synchronized (writing) {
            requireOpen();
            return register(TableFiles.writeCsv(table, path(file.name())));
        }
    }

    /**
     * Writes a table as a Markdown pipe table with {@link NumberText#DEFAULT_DECIMALS} decimals.
     *
     * @param file the file, e.g. {@code per-class.md}
     * @param table the table
     * @return the file's path
     */
    public Path markdown(RunFile file, Table table) {
        return markdown(file, table, NumberText.DEFAULT_DECIMALS);
    }

    /**
     * Writes a table as a Markdown pipe table.
     *
     * @param file the file, e.g. {@code per-class.md}
     * @param table the table
     * @param decimals decimals for floating-point columns
     * @return the file's path
     */
    public Path markdown(RunFile file, Table table, int decimals) {
        synchronized (writing) {
            requireOpen();
            return register(TableFiles.writeMarkdown(table, path(file.name()), decimals));
        }
    }

    /**
     * Writes a Markdown document, usually the run's {@code report.md}.
     *
     * @param file the file, e.g. {@code report.md}
     * @param report the document
     * @return the file's path
     */
    public Path markdown(RunFile file, MarkdownReport report) {
        return writeString(file, report.toMarkdown());
    }

    /**
     * Writes a value as JSON in the dialect of {@code summary.json}: pretty-printed, snake_case
     * field names (a record's {@code durationS} becomes {@code duration_s}), NaN kept.
     *
     * @param file the file, e.g. {@code trial.json}
     * @param value a record, map or list
     * @return the file's path
     */
    public Path json(RunFile file, Object value) {
        return writeString(file, Json.GSON.toJson(value) + "\n");
    }

    /**
     * Writes a UTF-8 text file.
     *
     * @param file the file
     * @param text the content
     * @return the file's path
     */
    public Path writeString(RunFile file, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return write(file, out -> out.write(bytes));
    }

    /**
     * Writes a file through a stream: if {@code writer} throws, the previous file (if any) is
     * unchanged.
     *
     * @param file the file
     * @param writer writes the content to the stream it is given (and need not close it)
     * @return the file's path
     * @throws AtelierException if the content cannot be written
     */
    public Path write(RunFile file, AtomicFiles.IOConsumer<OutputStream> writer) {
        synchronized (writing) {
            requireOpen();
            return register(AtomicFiles.write(path(file.name()), writer));
        }
    }

    /**
     * Registers a file that other code wrote at {@link #path(String) path(name)}, so that
     * {@code summary.json} lists it.
     *
     * @param name the file name relative to this directory
     * @return the file's path
     */
    public Path artifact(String name) {
        synchronized (writing) {
            return register(path(name));
        }
    }

    /**
     * The registered files that exist, sorted, relative to this directory ({@code summary.json},
     * which lists them, excluded).
     *
     * @return file names such as {@code grid.png} or {@code pytorch/summary.json}
     */
    public List<String> artifacts() {
        synchronized (writing) {
            return registered.stream()
                .filter(name -> !name.equals(Summary.FILE.name()))
                .filter(name -> Files.isRegularFile(root.resolve(name)))
                .toList();
        }
    }

    @Override
    public String toString() {
        return root.toString();
    }

    private void requireOpen() {
        if (sealed) {
            throw new AtelierException("the run was interrupted; its directory " + root + " takes no more files");
        }
    }

    private Path register(Path file) {
        registered.add(relative(file));
        return file;
    }

    private String relative(Path file) {
        // Forward slashes, so summary.json reads the same on every system.
        return root.normalize().relativize(file).toString().replace('\\', '/');
    }
}
