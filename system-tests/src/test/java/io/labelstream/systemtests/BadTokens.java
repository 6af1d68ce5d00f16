package io.labelstream.systemtests;

import io.labelstream.devstack.DevTokens;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Bearer tokens every service must refuse with 401, each otherwise valid for a user who may call
 * everything: the signature, expiry, algorithm, audience, issuer or the text itself is what is wrong.
 */
final class BadTokens {

    private BadTokens() {
    }

    static Map<String, String> forUser(String userId) {
        Set<String> everyRole = Set.of("manager", "reviewer", "annotator", "ingestor");
        String valid = DevTokens.mint(userId, everyRole.toArray(String[]::new));
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("not a JWT", "not-a-token");
        tokens.put("three parts of garbage", "abc.def.ghi");
        tokens.put("expired", claims(userId, everyRole).issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600)).sign(developmentKey()));
        tokens.put("signed by another key", claims(userId, everyRole).sign(otherKey()));
        tokens.put("alg none", unsigned(valid));
        tokens.put("payload altered after signing", withPayload(valid, claims(userId, Set.of("manager", "admin"))
                .sign(developmentKey())));
        tokens.put("wrong audience", DevTokens.mintForAudience("another-application", userId,
                everyRole.toArray(String[]::new)));
        tokens.put("no audience", DevTokens.mintForAudience(null, userId, everyRole.toArray(String[]::new)));
        tokens.put("wrong issuer", Jwt.issuer("someone-else").audience(DevTokens.AUDIENCE).upn(userId)
                .groups(everyRole).expiresIn(3600).sign(developmentKey()));
        return tokens;
    }

    private static JwtClaimsBuilder claims(String userId, Set<String> roles) {
        return Jwt.issuer(DevTokens.ISSUER).audience(DevTokens.AUDIENCE).subject(userId).upn(userId).groups(roles)
                .expiresIn(3600);
    }

    /** The token's claims under a header naming no algorithm and with no signature. */
    private static String unsigned(String token) {
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + token.split("\\.")[1] + ".";
    }

    /** The header and signature of {@code signed} around the payload of {@code other}. */
    private static String withPayload(String signed, String other) {
        String[] parts = signed.split("\\.");
        return parts[0] + "." + other.split("\\.")[1] + "." + parts[2];
    }

    private static PrivateKey otherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey developmentKey() {
        try (InputStream in = BadTokens.class.getClassLoader().getResourceAsStream("devstack-keys/jwt-private.pem")) {
            return KeyUtils.decodePrivateKey(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
