package io.labelstream.adjudication.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Picks the share of confidently resolved items that still go to review. The draw is a hash of the item
 * id, so replaying the same assessments (or a second replica) samples exactly the same items.
 */
public final class SpotCheckSampler {

    private SpotCheckSampler() {
    }

    /** True for about {@code rate} of all item ids, always the same ones. */
    public static boolean sampled(UUID itemId, double rate) {
        if (rate <= 0) {
            return false;
        }
        if (rate >= 1) {
            return true;
        }
        return position(itemId) < rate;
    }

    /** The item's place in [0, 1): the first 53 bits of SHA-256 of its id, uniform over item ids. */
    static double position(UUID itemId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(itemId.toString().getBytes(StandardCharsets.UTF_8));
            long bits = ByteBuffer.wrap(digest).getLong() >>> 11;
            return bits / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
