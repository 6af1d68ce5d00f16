package io.labelstream.adjudication.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.events.DecidedBy;

import java.time.Instant;
import java.util.UUID;

/** The version of an item that is in the dataset now. */
public record CurrentGold(UUID itemId, UUID projectId, int version, DecidedBy decidedBy, JsonNode label, Instant decidedAt) {
}
