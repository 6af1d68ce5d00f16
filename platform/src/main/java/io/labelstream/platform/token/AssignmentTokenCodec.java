package io.labelstream.platform.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.labelstream.contracts.EventCodec;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Signs and verifies assignment tokens: {@code base64url(json) "." base64url(HMAC-SHA256(json))}. The
 * assignment service signs, the annotation service verifies with the same key, so a submission is
 * checked without a call between them. Expiry is the verifier's decision (it answers 410).
 */
public final class AssignmentTokenCodec {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    // a Mac is not thread-safe, and looking one up and keying it costs more than the HMAC of a token:
    // each thread keys its own once
    private final ThreadLocal<Mac> macs;

    public AssignmentTokenCodec(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the assignment-token key needs at least 256 bits");
        }
        this.key = new SecretKeySpec(secret, ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::keyedMac);
    }

    public String sign(AssignmentToken token) {
        try {
            byte[] body = EventCodec.mapper().writeValueAsBytes(token);
            return ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(mac(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("token cannot be written", e);
        }
    }

    /** The token's claims if its signature is ours; otherwise {@link InvalidAssignmentTokenException}. */
    public AssignmentToken verify(String token) {
        if (token == null) {
            throw new InvalidAssignmentTokenException("no assignment token");
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            throw new InvalidAssignmentTokenException("not an assignment token");
        }
        byte[] body;
        byte[] signature;
        try {
            body = DECODER.decode(token.substring(0, dot));
            signature = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidAssignmentTokenException("not an assignment token");
        }
        if (!MessageDigest.isEqual(mac(body), signature)) {
            throw new InvalidAssignmentTokenException("assignment token signature is not valid");
        }
        try {
            return EventCodec.mapper().readValue(new String(body, StandardCharsets.UTF_8), AssignmentToken.class);
        } catch (JsonProcessingException e) {
            throw new InvalidAssignmentTokenException("assignment token content is not readable");
        }
    }

    private byte[] mac(byte[] body) {
        // doFinal resets the Mac to its key, ready for the next token
        return macs.get().doFinal(body);
    }

    private Mac keyedMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
