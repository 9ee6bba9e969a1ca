package org.atelier.spark;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * What the executors need of Atelier: everything on this JVM's class path (the launcher's {@code
 * atelier.jar} and the libraries its manifest lists, plugin jars of {@code ATELIER_CLASSPATH}, or
 * Surefire's test class path) except Spark's own jars, which the executors have. Either shipped
 * by the driver ({@link #toShip}, for {@code spark.jars}: class directories such as a build's
 * {@code target/classes} are packed into temporary jars, since Spark ships only files), or named
 * by path for executors that see the same files ({@link #atelierClassPath}).
 */
final class ExecutorJars {

    private ExecutorJars() {}

    /**
     * The jars to ship.
     *
     * @param sparkJars the names of Spark's jars (those of {@code $SPARK_HOME/jars}), left out
     * @return absolute paths, in class-path order
     */
    static List<String> toShip(Set<String> sparkJars) {
        return atelierClassPath(sparkJars).stream()
                .map(entry -> Files.isDirectory(entry) ? packDirectory(entry).toString() : entry.toString())
                .toList();
    }

    /**
     * This JVM's class path without Spark's jars, for executors that can read the same paths
     * ({@code spark.executor.extraClassPath}): the embedded cluster, or a cluster that mounts
     * Atelier at the same path on every machine.
     *
     * @param sparkJars the names of Spark's jars, left out
     * @return the entries (jars and class directories), absolute, in class-path order
     */
    static List<Path> atelierClassPath(Set<String> sparkJars) {
        return classPath(System.getProperty("java.class.path")).stream()
                .filter(entry -> Files.isDirectory(entry) || Files.isRegularFile(entry)
                        && entry.toString().endsWith(".jar") && !sparkJars.contains(entry.getFileName().toString()))
                .toList();
    }

    /**
     * A class path with every jar's manifest {@code Class-Path} expanded, recursively, without repeats.
     *
     * @param classPath a {@code java.class.path} value
     * @return the entries, absolute, in order
     */
    static List<Path> classPath(String classPath) {
        Set<Path> entries = new LinkedHashSet<>();
        for (String part : classPath.split(File.pathSeparator)) {
            if (!part.isBlank()) {
                add(Path.of(part).toAbsolutePath().normalize(), entries);
            }
        }
        return List.copyOf(entries);
    }

    private static void add(Path entry, Set<Path> entries) {
        if (!entries.add(entry) || !Files.isRegularFile(entry)) {
            return;
        }
        for (Path listed : manifestClassPath(entry)) {
            add(listed, entries);
        }
    }

    /** The entries a jar's manifest lists, relative to the jar's folder (as the JVM reads them). */
    private static List<Path> manifestClassPath(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String listed = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (listed == null) {
                return List.of();
            }
            URI base = jar.getParent().toUri();
            List<Path> paths = new ArrayList<>();
            for (String url : listed.trim().split("\\s+")) {
                URI resolved = base.resolve(new URI(url));
                if ("file".equals(resolved.getScheme())) {
                    paths.add(Path.of(resolved).normalize());
                }
            }
            return paths;
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            return List.of(); // not a readable jar: the JVM ignores its manifest too
        }
    }

    /** Packs a class directory into a temporary jar, deleted when this JVM exits. */
    private static Path packDirectory(Path directory) {
        try {
            // e.g. atelier-core-classes-123.jar for core/target/classes
            Path module = directory.getParent() == null ? null : directory.getParent().getParent();
            String name = (module == null || module.getFileName() == null ? "" : module.getFileName() + "-")
                    + directory.getFileName();
            Path jar = Files.createTempFile("atelier-" + name + "-", ".jar");
            jar.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(jar);
                    JarOutputStream zip = new JarOutputStream(out);
                    Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    zip.putNextEntry(new JarEntry(directory.relativize(file).toString().replace(File.separatorChar, '/')));
                    Files.copy(file, zip);
                    zip.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack " + directory + " into a jar for the Spark executors: "
                    + e.getMessage(), e);
        }
    }
}
