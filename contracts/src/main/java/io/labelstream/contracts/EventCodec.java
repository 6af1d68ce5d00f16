package io.labelstream.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes and reads the envelope JSON of every topic. Unknown fields are ignored when reading so that a
 * producer may add fields without breaking older consumers; absent values are left out when writing.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            // the same text as the time module's instant serializer, written without the general formatter
            .registerModule(new SimpleModule().addSerializer(Instant.class, new InstantSerializer()));

    private EventCodec() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Wraps a payload in a new envelope with a fresh event id. */
    public static EventEnvelope envelope(EventPayload payload, Clock clock) {
        return new EventEnvelope(UUID.randomUUID(), payload.type(), payload.version(), Instant.now(clock),
                payload.projectId(), payload.key(), MAPPER.valueToTree(payload));
    }

    /**
     * A new event written straight to its envelope JSON, with a fresh event id. The same JSON as
     * {@code write(envelope(payload, clock))}, without first copying the payload into a tree: a bulk import
     * writes a million of them, and the copy cost more than the writing.
     */
    public static EncodedEvent encode(EventPayload payload, Clock clock) {
        Outgoing outgoing = new Outgoing(UUID.randomUUID(), payload.type(), payload.version(), Instant.now(clock),
                payload.projectId(), payload.key(), payload);
        try {
            return new EncodedEvent(outgoing.eventId(), outgoing.key(), MAPPER.writeValueAsString(outgoing));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The fields of {@link EventEnvelope} in its order, with the payload still a record. */
    record Outgoing(UUID eventId, String type, int version, Instant occurredAt, UUID projectId, String key,
                    EventPayload payload) {
    }

    public static String write(EventEnvelope envelope) {
        try {
            return MAPPER.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads an envelope; a record that is not one is a poison record for the caller to dead-letter. */
    public static EventEnvelope read(String json) {
        try {
            EventEnvelope envelope = MAPPER.readValue(json, EventEnvelope.class);
            if (envelope.eventId() == null || envelope.type() == null || envelope.payload() == null) {
                throw new MalformedEventException("envelope lacks eventId, type or payload");
            }
            return envelope;
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not an event envelope: " + e.getOriginalMessage(), e);
        }
    }

    /** Binds the envelope's payload to its record. */
    public static <T> T payload(EventEnvelope envelope, Class<T> type) {
        try {
            return MAPPER.treeToValue(envelope.payload(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException(
                    "payload of " + envelope.type() + " " + envelope.eventId() + " is not a " + type.getSimpleName()
                            + ": " + e.getMessage(), e);
        }
    }

    private static final class InstantSerializer extends StdSerializer<Instant> {

        InstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(IsoInstant.format(value));
        }
    }
}
