package io.labelstream.quality.domain.testdata;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shared, read-only datasets live; the build passes the location as a system property. */
public final class Datasets {

    private Datasets() {
    }

    public static Path root() {
        return Path.of(System.getProperty("labelstream.datasets", "../../shared/datasets"));
    }

    public static Path require(String relative) {
        Path path = root().resolve(relative);
        if (!Files.exists(path)) {
            throw new IllegalStateException("dataset file missing: " + path.toAbsolutePath()
                    + " (set -Dlabelstream.datasets to the shared datasets folder)");
        }
        return path;
    }
}
