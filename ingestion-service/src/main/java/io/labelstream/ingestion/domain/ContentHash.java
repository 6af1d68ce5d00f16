package io.labelstream.ingestion.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * SHA-256 of an item's content in a canonical form (object keys sorted, no whitespace), so that the same
 * content sent with its keys in another order hashes alike.
 */
public final class ContentHash {

    // looking the algorithm up costs more than hashing an item; a digest is reset by digest() and not thread-safe
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(ContentHash::sha256);

    private ContentHash() {
    }

    public static String of(JsonNode data) {
        StringBuilder canonical = new StringBuilder();
        write(data, canonical);
        byte[] digest = SHA_256.get().digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(quote(names.get(i))).append(':');
                write(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            Iterator<JsonNode> elements = node.elements();
            boolean first = true;
            while (elements.hasNext()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(elements.next(), out);
            }
            out.append(']');
        } else if (node.isTextual()) {
            out.append(quote(node.textValue()));
        } else if (node.isNumber()) {
            // 1, 1.0 and 1e0 are the same number
            out.append(node.decimalValue().stripTrailingZeros().toPlainString());
        } else {
            out.append(node.asText());
        }
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
