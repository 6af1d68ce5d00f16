package io.labelstream.devstack;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;

/**
 * Mints bearer tokens for the local stack and tests with the development key. The issuer
 * {@value #ISSUER} is accepted only where the development public key is configured explicitly; the
 * services' production configuration names neither.
 */
public final class DevTokens {

    public static final String ISSUER = "labelstream-devstack";
    /** The audience the local stack's services require and its tokens carry. */
    public static final String AUDIENCE = "labelstream";
    public static final String PUBLIC_KEY_RESOURCE = "devstack-keys/jwt-public.pem";
    private static final String PRIVATE_KEY_RESOURCE = "devstack-keys/jwt-private.pem";

    private static final PrivateKey KEY = loadPrivateKey();

    private DevTokens() {
    }

    /** A token for {@code userId} holding the given roles, valid for {@code lifetime}. */
    public static String mint(String userId, Duration lifetime, String... roles) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(userId)
                .upn(userId)
                .groups(new HashSet<>(Arrays.asList(roles)))
                .expiresIn(lifetime)
                .sign(KEY);
    }

    public static String mint(String userId, String... roles) {
        return mint(userId, Duration.ofHours(12), roles);
    }

    /** A token like {@link #mint} but for {@code audience}, or for none when it is null: one the stack refuses. */
    public static String mintForAudience(String audience, String userId, String... roles) {
        var claims = Jwt.issuer(ISSUER).subject(userId).upn(userId)
                .groups(new HashSet<>(Arrays.asList(roles))).expiresIn(Duration.ofHours(1));
        return (audience == null ? claims : claims.audience(audience)).sign(KEY);
    }

    /** The PEM text of the development public key, for configuring a service. */
    public static String publicKeyPem() {
        return resource(PUBLIC_KEY_RESOURCE);
    }

    private static PrivateKey loadPrivateKey() {
        try {
            return KeyUtils.decodePrivateKey(resource(PRIVATE_KEY_RESOURCE));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("development key unreadable", e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = DevTokens.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
