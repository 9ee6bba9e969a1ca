package org.atelier.core.trial;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.atelier.core.data.LabeledData;
import org.atelier.core.engine.Backend;
import org.atelier.core.training.LabeledArrays;

/**
 * The data of this process's trials, loaded once per data spec, data root and backend: loading
 * and standardizing Fashion-MNIST takes about a second, and a sweep runs dozens of trials on the
 * same data. Each entry's arrays live on a manager of their own until {@link #clear()}.
 */
final class DataCache {

    private record Key(DataSpec spec, Path dataDir, Backend backend) {}

    private record Entry(TrialData data, NDManager manager) {}

    private static final Map<Key, Entry> ENTRIES = new HashMap<>();

    private DataCache() {}

    /** The data of a spec, loaded by its recipe on first use. Synchronized: a second caller waits rather than loading twice. */
    static synchronized TrialData get(DataSpec spec, TrialEnvironment environment, Backend backend) {
        Key key = new Key(spec, environment.dataDir(), backend);
        Entry entry = ENTRIES.get(key);
        if (entry == null) {
            entry = load(spec, environment, backend);
            ENTRIES.put(key, entry);
        }
        return entry.data();
    }

    private static Entry load(DataSpec spec, TrialEnvironment environment, Backend backend) {
        DataSplits splits = TrialRegistry.instance().data(spec.recipe()).load(spec.args(), environment.data());
        NDManager manager = backend.newManager();
        try {
            TrialData data = new TrialData(arrays(splits.train(), manager), arrays(splits.validation(), manager),
                    arrays(splits.test(), manager), splits.classNames(), splits.standardizer());
            return new Entry(data, manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static LabeledArrays arrays(LabeledData data, NDManager manager) {
        return data == null ? null : LabeledArrays.of(data, manager);
    }

    /** Frees every entry's arrays. */
    static synchronized void clear() {
        ENTRIES.values().forEach(e -> e.manager().close());
        ENTRIES.clear();
    }
}
