package io.labelstream.quality.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labelstream.contracts.EventCodec;
import io.labelstream.platform.jdbc.JsonText;

import java.util.Map;
import java.util.TreeMap;

/** A label's credit (true category -> mass) as the {@code credited} column holds it. */
final class CreditedColumn {

    private CreditedColumn() {
    }

    /** The credit as a JSON object sorted by category; null when empty. */
    static String write(Map<String, Double> credited) {
        if (credited.isEmpty()) {
            return null;
        }
        ObjectNode node = EventCodec.mapper().createObjectNode();
        new TreeMap<>(credited).forEach(node::put);
        return node.toString();
    }

    static Map<String, Double> read(String json) {
        JsonNode node = JsonText.tree(json);
        if (node == null) {
            return Map.of();
        }
        Map<String, Double> credited = new TreeMap<>();
        node.fields().forEachRemaining(cell -> credited.put(cell.getKey(), cell.getValue().asDouble()));
        return credited;
    }
}
