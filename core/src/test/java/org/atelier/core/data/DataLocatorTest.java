package org.atelier.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLocatorTest {

    @TempDir
    Path temp;

    @Test
    void precedenceIsExplicitThenEnvironmentThenLocalThenHome() throws IOException {
        Path explicit = temp.resolve("explicit");
        Path env = temp.resolve("env");
        Path work = Files.createDirectories(temp.resolve("work"));
        Path home = temp.resolve("home");
        assertEquals(home.resolve(".atelier/data"), DataLocator.resolve(null, null, work, home).root());
        Files.createDirectories(work.resolve("data"));
        assertEquals(work.resolve("data"), DataLocator.resolve(null, " ", work, home).root());
        assertEquals(env, DataLocator.resolve(null, env.toString(), work, home).root());
        assertEquals(explicit, DataLocator.resolve(explicit, env.toString(), work, home).root());
    }

    @Test
    void findsRawAndGzippedFilesPreferringRaw() throws IOException {
        DataLocator locator = new DataLocator(temp);
        Path dir = Files.createDirectories(locator.datasetDir("mnist"));
        Path gz = Files.createFile(dir.resolve("train-labels-idx1-ubyte.gz"));
        assertEquals(gz, locator.find("mnist", "train-labels-idx1-ubyte"));
        Path raw = Files.createFile(dir.resolve("train-labels-idx1-ubyte"));
        assertEquals(raw, locator.find("mnist", "train-labels-idx1-ubyte"));
    }

    @Test
    void missingFileNamesFileDirectoryAndFetchCommand() {
        DataLocator locator = new DataLocator(temp);
        DataException e = assertThrows(DataException.class, () -> locator.find("fashion-mnist", "t10k-images-idx3-ubyte"));
        String message = e.getMessage();
        assertTrue(message.contains("t10k-images-idx3-ubyte"), message);
        assertTrue(message.contains(temp.resolve("fashion-mnist").toString()), message);
        assertTrue(message.contains("run data/fetch --dir " + temp + " fashion-mnist"), message);
        // Issue 10, reproduction 8: after the launcher's fetch had failed, this said the launcher fetches automatically.
        assertFalse(message.contains("automatically"), message);
    }
}
