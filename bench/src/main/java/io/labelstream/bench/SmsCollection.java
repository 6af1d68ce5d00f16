package io.labelstream.bench;

import io.labelstream.devstack.DatasetsFolder;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the SMS Spam Collection is: the copy bundled with the repository, else the datasets folder's. */
final class SmsCollection {

    private SmsCollection() {
    }

    static Path path() {
        Path root = Path.of(System.getProperty("labelstream.root", "."));
        Path bundled = root.resolve(DatasetsFolder.BUNDLED_SMS_COLLECTION);
        if (Files.isRegularFile(bundled)) {
            return bundled;
        }
        Path shared = DatasetsFolder.fromSystemProperty().root().resolve("text/sms-spam/SMSSpamCollection");
        if (!Files.isRegularFile(shared)) {
            throw new IllegalStateException("SMS Spam Collection found neither at " + bundled + " nor at " + shared);
        }
        return shared;
    }
}
