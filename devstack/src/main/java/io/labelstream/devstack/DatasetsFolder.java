package io.labelstream.devstack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where datasets are found. The SMS Spam Collection ships with the repository (CC BY 4.0). The crowd
 * datasets carry no licence to redistribute them, so they live outside the clone: in the folder that
 * {@code LABELSTREAM_DATASETS} names, which the launcher and the build hand on as the system property
 * {@code labelstream.datasets} (by default {@code ../shared/datasets} beside the clone).
 */
public record DatasetsFolder(Path root) {

    public static final String PROPERTY = "labelstream.datasets";
    public static final String VARIABLE = "LABELSTREAM_DATASETS";

    /** The bundled SMS Spam Collection, relative to the repository's root. */
    public static final Path BUNDLED_SMS_COLLECTION = Path.of("datasets", "text", "sms-spam", "SMSSpamCollection");

    public static DatasetsFolder fromSystemProperty() {
        return new DatasetsFolder(Path.of(System.getProperty(PROPERTY, "../shared/datasets")).toAbsolutePath().normalize());
    }

    /** The folder of a crowd dataset (answers.csv, truth.csv), or a failure that says how to provide it. */
    public Path crowdDataset(String name) {
        Path folder = root.resolve("crowd").resolve(name);
        if (!Files.isRegularFile(folder.resolve("answers.csv")) || !Files.isRegularFile(folder.resolve("truth.csv"))) {
            throw new IllegalStateException(missing("crowd/" + name));
        }
        return folder;
    }

    /** Whether {@code relative} (e.g. {@code crowd/relevance-4class}) exists in this folder. */
    public boolean has(String relative) {
        return Files.exists(root.resolve(relative));
    }

    /** Why {@code relative} cannot be read, and how to provide it. */
    public String missing(String relative) {
        return "dataset " + relative + " not found in " + root + ". The crowd datasets cannot be shipped with"
                + " Labelstream (no licence to redistribute them): set " + VARIABLE + " (or -D" + PROPERTY
                + ") to a folder holding " + relative + "; without it, ./labelstream --demo runs a simulated"
                + " crowd on the bundled SMS messages.";
    }
}
