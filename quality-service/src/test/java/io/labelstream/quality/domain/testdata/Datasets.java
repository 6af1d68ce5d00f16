package io.labelstream.quality.domain.testdata;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Where the datasets that cannot be shipped with the repository live (the crowd sets and the worked
 * agreement examples); the build passes the location as a system property. A test that needs one of
 * them is skipped, saying why, where the folder is absent: a clone alone has no copy.
 */
public final class Datasets {

    private Datasets() {
    }

    public static Path root() {
        return Path.of(System.getProperty("labelstream.datasets", "../../shared/datasets"));
    }

    /** The dataset file or folder at {@code relative}; the calling test is skipped when it is absent. */
    public static Path require(String relative) {
        Path path = root().resolve(relative);
        assumeTrue(Files.exists(path), () -> "skipped: dataset " + relative + " not found in "
                + root().toAbsolutePath().normalize() + " (it cannot be shipped with the repository; set"
                + " LABELSTREAM_DATASETS or -Dlabelstream.datasets to the folder that holds it)");
        return path;
    }
}
