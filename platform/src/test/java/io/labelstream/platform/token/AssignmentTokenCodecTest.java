package io.labelstream.platform.token;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssignmentTokenCodecTest {

    private static final byte[] KEY = "a key of at least thirty-two bytes!".getBytes(StandardCharsets.UTF_8);

    private final AssignmentTokenCodec codec = new AssignmentTokenCodec(KEY);

    @Test
    void aSignedTokenVerifiesToItsClaims() {
        AssignmentToken token = token("ann-1");

        assertThat(codec.verify(codec.sign(token))).isEqualTo(token);
    }

    @Test
    void aTokenWithChangedClaimsOrAnotherKeyIsRefused() {
        String signed = codec.sign(token("ann-1"));
        String otherClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(signed.substring(0, signed.indexOf('.'))), StandardCharsets.UTF_8)
                        .replace("ann-1", "ann-2").getBytes(StandardCharsets.UTF_8));
        String forged = otherClaims + signed.substring(signed.indexOf('.'));

        assertThatThrownBy(() -> codec.verify(forged)).isInstanceOf(InvalidAssignmentTokenException.class)
                .hasMessageContaining("signature");
        AssignmentTokenCodec otherKey = new AssignmentTokenCodec("another key, also thirty-two bytes"
                .getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> otherKey.verify(signed)).isInstanceOf(InvalidAssignmentTokenException.class);
    }

    @Test
    void threadsSigningAndVerifyingAtOnceEachGetTheirOwnTokenBack() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                AssignmentToken token = token("ann-" + i);
                results.add(threads.submit(() -> codec.verify(codec.sign(token)).equals(token)));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static AssignmentToken token(String annotatorId) {
        Instant leasedAt = Instant.parse("2026-03-01T10:00:00Z");
        return new AssignmentToken(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), annotatorId, 2, leasedAt,
                leasedAt.plusSeconds(600));
    }
}
