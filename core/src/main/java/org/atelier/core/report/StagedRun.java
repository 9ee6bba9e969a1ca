package org.atelier.core.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.atelier.core.AtelierException;

/**
 * Where a run's files go, and when: the run is built in a staging directory next to its target
 * and moved into place only when it ends, so that nothing a user had is overwritten or mixed with
 * a half-finished run.
 *
 * <p>{@link #at} and {@link #under} check the target and touch nothing; {@link #begin} creates
 * the staging directory ({@code TARGET.partial-PID}); {@link #finish} moves it into place:
 * <ul>
 *   <li>a new or empty target simply becomes the run, whatever its status;</li>
 *   <li>{@code --force} over an old run replaces it only when the new run succeeded; a failed or
 *       interrupted attempt is kept beside it as {@code TARGET.failed-<yyyyMMdd-HHmmss>} (or
 *       {@code .interrupted-…}) and the old run stays intact;</li>
 *   <li>{@code --force} into a directory that holds no run adds the run's files to it (same-named
 *       files replaced, others kept), again only when the run succeeded;</li>
 *   <li>{@code --resume} of a failed or interrupted run replaces it, whatever the new status: the
 *       new attempt carries the old one's finished trials ({@link #begin} copies {@code trials/}).
 *       Where the target holds nothing but a staging directory beside it belongs to a process that
 *       was killed (SIGKILL, out of memory), that attempt's trials are carried instead.</li>
 * </ul>
 * A non-empty directory that holds no run is refused without {@code --force}.
 */
public final class StagedRun {

    /** What the user asked to do with the target. */
    public enum Mode {
        /** A new run: the target must not hold anything ({@code --out DIR} or the default). */
        NEW,
        /** Replace whatever the target holds, once the run succeeded ({@code --force}). */
        FORCE,
        /** Continue the failed or interrupted run the target holds ({@code --resume}). */
        RESUME
    }

    /** The sub-directory of a run that a resumed attempt carries over: finished trials and their parameters. */
    public static final String CARRIED_DIRECTORY = "trials";

    private final Path target;
    private final Mode mode;
    private final Summary previous;
    private final boolean targetHeldFiles;
    private final boolean stamped;
    /** The staging directory of an attempt whose process was killed (SIGKILL, out of memory), resumed from. */
    private final Path killed;
    private Path staging;
    private Path finalPlace;

    private StagedRun(Path target, Mode mode, Summary previous, boolean targetHeldFiles, boolean stamped, Path killed) {
        this.target = target;
        this.mode = mode;
        this.previous = previous;
        this.targetHeldFiles = targetHeldFiles;
        this.stamped = stamped;
        this.killed = killed;
    }

    /**
     * The newest staging directory beside the target that a process left when it was killed without
     * a chance to record anything (SIGKILL, the kernel's out-of-memory killer): its process is gone.
     */
    private static Path killedAttempt(Path target) {
        String prefix = target.getFileName() + ".partial-";
        try (Stream<Path> siblings = Files.list(target.getParent())) {
            return siblings.filter(Files::isDirectory)
                    .filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> !alive(p.getFileName().toString().substring(prefix.length())))
                    .max(Comparator.comparing(StagedRun::modified))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean alive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true; // not a staging directory of ours: leave it alone
        }
    }

    private static java.nio.file.attribute.FileTime modified(Path dir) {
        try {
            return Files.getLastModifiedTime(dir);
        } catch (IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
        }
    }

    /**
     * Checks a run directory the user named ({@code --out}); creates nothing.
     *
     * @param out the directory
     * @param mode new, forced or resumed
     * @return the staged run, not yet {@linkplain #begin begun}
     * @throws AtelierException if the path is empty or a file, if it holds a run without {@code
     *     --force} or {@code --resume}, if it is a non-empty directory holding no run without {@code
     *     --force}, or if {@code --resume} finds nothing to resume
     */
    public static StagedRun at(Path out, Mode mode) {
        if (out.toString().isBlank()) {
            throw new AtelierException("--out is empty; name the run directory, e.g. --out runs/my-run");
        }
        Path target = out.toAbsolutePath().normalize();
        if (target.getParent() == null) {
            throw new AtelierException("--out " + out + " is the file-system root; name a directory inside it");
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new AtelierException("--out " + out + " is a file, not a directory; choose a directory path");
        }
        Summary previous = readRun(target);
        boolean nonEmpty = !isEmptyOrAbsent(target);
        switch (mode) {
            case NEW -> {
                if (previous != null) {
                    throw new AtelierException("--out " + out + " already holds " + describe(previous)
                            + (previous.status() == Summary.Status.SUCCEEDED ? ";" : "; add --resume to continue it,")
                            + " choose another directory, or add --force to replace it once the new run succeeds");
                }
                if (Files.exists(target.resolve(Summary.FILE.name()))) {
                    throw new AtelierException("--out " + out + " holds a " + Summary.FILE.name() + " that is not a"
                            + " valid run summary; choose another directory, or add --force to replace it once the"
                            + " new run succeeds");
                }
                if (nonEmpty) {
                    throw new AtelierException("--out " + out + " is not empty and holds no run (no "
                            + Summary.FILE.name() + "); choose a new or empty directory, or add --force to add the"
                            + " run's files to it once the run succeeds (same-named files are replaced, others kept)");
                }
            }
            case RESUME -> {
                if (previous == null) {
                    Path killed = killedAttempt(target);
                    if (killed == null || nonEmpty) {
                        throw new AtelierException("--resume: " + out + " holds no run (no " + Summary.FILE.name()
                                + ") to continue, nor is there a killed attempt beside it (" + target.getFileName()
                                + ".partial-PID); run without --resume to start one");
                    }
                    checkWritable(target.getParent(), out);
                    return new StagedRun(target, mode, null, false, false, killed);
                }
                if (previous.status() == Summary.Status.SUCCEEDED) {
                    throw new AtelierException("--resume: " + out + " holds " + describe(previous)
                            + ", nothing to continue; add --force instead of --resume to run it again");
                }
            }
            case FORCE -> {
                // anything goes; the old content is only replaced when the run succeeds
            }
        }
        checkWritable(target.getParent(), out);
        return new StagedRun(target, mode, previous, nonEmpty, false, null);
    }

    /**
     * A fresh time-stamped run directory {@code parent/<yyyyMMdd-HHmmss>} (the default when no
     * {@code --out} is given): {@code -2}, {@code -3}, … is appended when the name is taken when the
     * run ends. Creates nothing.
     *
     * @param parent the directory that collects runs, e.g. {@code runs/softmax-regression}
     * @param time the time to stamp, usually {@code LocalDateTime.now()}
     * @return the staged run
     */
    public static StagedRun under(Path parent, LocalDateTime time) {
        Path absolute = parent.toAbsolutePath().normalize();
        checkWritable(absolute, parent);
        return new StagedRun(absolute.resolve(RunDirectory.STAMP.format(time)), Mode.NEW, null, false, true, null);
    }

    /** Where the run will be once it ends (for a default run, the name it is given then may get a suffix). */
    public Path target() {
        return finalPlace != null ? finalPlace : target;
    }

    /** The mode. */
    public Mode mode() {
        return mode;
    }

    /**
     * The summary of the run the target held (the one resumed or replaced), if any; empty too when
     * resuming an attempt that was killed before it could record one.
     */
    public Optional<Summary> previous() {
        return Optional.ofNullable(previous);
    }

    /**
     * Creates the staging directory next to the target; under {@link Mode#RESUME}, copies the old
     * run's {@value #CARRIED_DIRECTORY}/ into it (hard links where the file system allows).
     *
     * @return the run directory to write into
     * @throws AtelierException if the staging directory cannot be created, with the reason
     */
    public RunDirectory begin() {
        if (staging != null) {
            throw new IllegalStateException("this run was already begun in " + staging);
        }
        Path candidate = target.resolveSibling(target.getFileName() + ".partial-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(target.getParent());
            deleteRecursively(candidate); // a leftover of a process that had this id and was killed
            staging = Files.createDirectory(candidate);
            if (mode == Mode.RESUME) {
                Path from = killed != null ? killed : target;
                copyTree(from.resolve(CARRIED_DIRECTORY), staging.resolve(CARRIED_DIRECTORY));
            }
        } catch (IOException e) {
            throw new AtelierException("cannot create the run directory " + target + ": " + reason(e)
                    + "; choose a directory you can write to", e);
        }
        return RunDirectory.staged(staging);
    }

    /** The staging directory while the run is under way; null before {@link #begin}. */
    public Path staging() {
        return staging;
    }

    /**
     * Moves the finished run into place, by the rules in the class comment.
     *
     * @param status how the run ended
     * @return where the run now is: the target, or for a failed or interrupted {@code --force} run
     *     over existing files, the record of the attempt beside it
     * @throws AtelierException if the move fails (the run then stays in its staging directory, named in the message)
     */
    public Path finish(Summary.Status status) {
        if (staging == null) {
            throw new IllegalStateException("finish before begin");
        }
        if (finalPlace != null) {
            return finalPlace;
        }
        try {
            finalPlace = place(status);
            if (killed != null) {
                deleteRecursively(killed); // its trials are carried by the run now in place
            }
            return finalPlace;
        } catch (IOException e) {
            throw new AtelierException("could not move the run from " + staging + " to " + target + ": " + reason(e)
                    + "; the run's files are in " + staging, e);
        }
    }

    private Path place(Summary.Status status) throws IOException {
        if (stamped) {
            for (int n = 1; ; n++) {
                Path candidate = target.resolveSibling(target.getFileName() + (n == 1 ? "" : "-" + n));
                if (renameIfAbsent(staging, candidate)) {
                    return candidate;
                }
            }
        }
        if (!targetHeldFiles || isEmptyOrAbsent(target)) {
            rename(staging, target);
            return target;
        }
        if (status != Summary.Status.SUCCEEDED && mode != Mode.RESUME) {
            Path record = attemptRecord(status);
            rename(staging, record);
            return record;
        }
        if (previous != null) {
            Path old = target.resolveSibling("." + target.getFileName() + ".replaced-" + ProcessHandle.current().pid());
            deleteRecursively(old);
            rename(target, old);
            rename(staging, target);
            deleteRecursively(old);
        } else {
            mergeInto(staging, target);
            deleteRecursively(staging);
        }
        return target;
    }

    /** {@code TARGET.failed-<stamp>} or {@code TARGET.interrupted-<stamp>}, with a suffix when taken. */
    private Path attemptRecord(Summary.Status status) {
        String base = target.getFileName() + "." + status.name().toLowerCase(Locale.ROOT) + "-"
                + RunDirectory.STAMP.format(LocalDateTime.now());
        Path record = target.resolveSibling(base);
        for (int n = 2; Files.exists(record, LinkOption.NOFOLLOW_LINKS); n++) {
            record = target.resolveSibling(base + "-" + n);
        }
        return record;
    }

    /**
     * The run a directory holds, read from its summary.json; a summary that cannot be read counts
     * as a failed run of unknown experiment (it is a run's directory all the same).
     */
    private static Summary readRun(Path dir) {
        if (!Files.exists(dir.resolve(Summary.FILE.name()))) {
            return null;
        }
        try {
            return Summary.read(dir);
        } catch (AtelierException unreadable) {
            return null;
        }
    }

    private static String describe(Summary run) {
        String status = run.status().name().toLowerCase(Locale.ROOT);
        String line = "a " + status + " run of " + run.experiment() + " (seed " + run.seed() + ", started "
                + run.started() + ")";
        return run.error() == null ? line : line + " that failed with: " + oneLine(run.error());
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static boolean isEmptyOrAbsent(Path dir) {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new AtelierException("cannot read --out " + dir + ": " + reason(e), e);
        }
    }

    /** The closest existing ancestor must be a directory this process can write to. */
    private static void checkWritable(Path dir, Path asGiven) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        if (!Files.isDirectory(existing)) {
            throw new AtelierException("cannot create the run directory " + asGiven + ": " + existing
                    + " is a file, not a directory; choose another path");
        }
        if (!Files.isWritable(existing) || isProcOrSys(existing)) {
            throw new AtelierException("cannot create the run directory " + asGiven + ": " + existing
                    + " is not writable; choose a directory you can write to");
        }
    }

    /** Kernel file systems accept no new directories, although root passes the permission check there. */
    private static boolean isProcOrSys(Path dir) {
        try {
            String type = Files.getFileStore(dir).type();
            return List.of("proc", "sysfs", "devtmpfs", "cgroup", "cgroup2").contains(type);
        } catch (IOException e) {
            return false;
        }
    }

    /** A one-phrase reason for a failed file operation (Java's own message is often only the path). */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory: " + e.getMessage();
        }
        if (e instanceof NotDirectoryException) {
            return e.getMessage() + " is not a directory";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static void rename(Path from, Path to) throws IOException {
        try {
            // Onto an empty directory too: rename(2) replaces it in one step.
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Renames unless {@code to} exists (a run finishing at the same second took it). */
    private static boolean renameIfAbsent(Path from, Path to) throws IOException {
        try {
            Files.createDirectory(to); // reserve the name; rename then replaces the empty directory
        } catch (FileAlreadyExistsException taken) {
            return false;
        }
        rename(from, to);
        return true;
    }

    /** Moves every file of {@code from} into {@code to}, replacing same-named files, keeping others. */
    private static void mergeInto(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path destination = to.resolve(from.relativize(file).toString());
                Files.createDirectories(destination.getParent());
                Files.move(file, destination, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path destination = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else if (!file.getFileName().toString().endsWith(".tmp")) {
                    try {
                        Files.createLink(destination, file);
                    } catch (IOException | UnsupportedOperationException noLinks) {
                        Files.copy(file, destination);
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(file);
                } catch (DirectoryNotEmptyException raced) {
                    // a file appeared meanwhile; leave the directory
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
