package io.labelstream.platform.security;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Alternative;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwa.AlgorithmFactoryFactory;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The bearer-token parser the security layer uses, with the signature check of a token done once and
 * reused for its repeats (see {@link VerifiedTokens}). Every other operation goes straight to the
 * standard parser.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {

    private final DefaultJWTParser verifier;
    private final VerifiedTokens<JsonWebToken> verified;
    private final Clock clock = Clock.systemUTC();

    public CachingJwtParser(DefaultJWTParser verifier,
                            @ConfigProperty(name = "labelstream.security.verified-token-cache.max-entries",
                                    defaultValue = "10000") int maxEntries,
                            @ConfigProperty(name = "labelstream.security.verified-token-cache.max-age",
                                    defaultValue = "60s") Duration maxAge) {
        this.verifier = verifier;
        this.verified = new VerifiedTokens<>(maxEntries, maxAge);
    }

    /**
     * Loads the token library's algorithms while the service starts. The library registers them on the first token
     * it checks, and with them sets up the JVM's cryptography (reading its policy files, trying RSA padding in code
     * not yet compiled): seconds on a busy machine, on the event loop that hands the service's consumers their
     * records, so the first request after a start stalled the service's events with it.
     */
    void loadAlgorithms(@Observes StartupEvent started) {
        AlgorithmFactoryFactory.getInstance();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        Instant now = clock.instant();
        Optional<JsonWebToken> known = verified.find(token, now);
        if (known.isPresent()) {
            return known.get();
        }
        JsonWebToken jwt = verifier.parse(token);
        // a token without an expiry is not reused: nothing bounds it but the cache's own age limit
        if (jwt.getExpirationTime() > 0) {
            verified.remember(token, jwt, Instant.ofEpochSecond(jwt.getExpirationTime()), now);
        }
        return jwt;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
