package org.atelier.core.data;

import java.nio.file.Path;

/** What a reader does with the SHA-256 of a file's content once it has read the file to its end. */
@FunctionalInterface
interface ContentCheck {

    /** Accepts any content: for files the caller chose, which have no published checksum. */
    ContentCheck NONE = (file, sha256) -> { };

    /**
     * Checks the digest of a file's decompressed content.
     *
     * @param file the file read
     * @param sha256 the lowercase hex SHA-256 of its decompressed content
     * @throws DataException if the content is not the expected one
     */
    void check(Path file, String sha256);
}
