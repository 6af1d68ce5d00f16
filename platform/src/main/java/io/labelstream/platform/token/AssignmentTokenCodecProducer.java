package io.labelstream.platform.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Base64;
import java.util.Optional;

/** The codec with the key from {@code labelstream.assignment-token.key} (base64, at least 32 bytes). */
@ApplicationScoped
public class AssignmentTokenCodecProducer {

    @Produces
    @ApplicationScoped
    AssignmentTokenCodec codec(@ConfigProperty(name = "labelstream.assignment-token.key") Optional<String> key) {
        String configured = key.orElseThrow(() -> new IllegalStateException(
                "labelstream.assignment-token.key (LABELSTREAM_ASSIGNMENT_TOKEN_KEY) is not set"));
        return new AssignmentTokenCodec(Base64.getDecoder().decode(configured.trim()));
    }
}
