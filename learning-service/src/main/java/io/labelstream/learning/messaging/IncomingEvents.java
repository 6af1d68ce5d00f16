package io.labelstream.learning.messaging;

import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.learning.service.LearningIntake;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.labelstream.platform.messaging.PollBatches;
import io.labelstream.platform.messaging.WhileDatabaseBusy;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.UUID;

/**
 * Thin adapters from the topics to the intake. A record that is not an envelope, or whose payload does not
 * bind, throws: the connector sends it to the channel's dead-letter topic and moves on. A tombstone on the
 * gold topic withdraws the item's label (its key is the item id); other null values are skipped. The gold
 * topic is consumed a poll batch at a time.
 */
@ApplicationScoped
public class IncomingEvents {

    private final LearningIntake intake;

    public IncomingEvents(LearningIntake intake) {
        this.intake = intake;
    }

    @Incoming(Channels.PROJECTS)
    @Blocking
    public void project(String value) {
        EventEnvelope envelope = read(value);
        if (envelope != null && (ProjectEvent.DEFINED.equals(envelope.type()) || ProjectEvent.UPDATED.equals(envelope.type()))) {
            WhileDatabaseBusy.run("project event " + envelope.eventId(), () -> intake.applyProject(envelope));
        }
    }

    @Incoming(Channels.ITEMS)
    @Blocking
    public void item(String value) {
        EventEnvelope envelope = read(value);
        if (envelope != null && "ItemIngested".equals(envelope.type())) {
            WhileDatabaseBusy.run("item event " + envelope.eventId(), () -> intake.applyItem(envelope));
        }
    }

    /** A poll batch at a time: one transaction for all its labels (see {@link PollBatches}). */
    @Incoming(Channels.GOLD)
    @Blocking
    public void gold(List<String> values, IncomingKafkaRecordBatchMetadata<String, String> batch) {
        PollBatches.apply(batch, IncomingEvents::gold, intake::applyAll, intake::apply);
    }

    private static LearningIntake.GoldDelivery gold(KafkaRecord<String, String> record) {
        if (record.getPayload() == null) {
            return record.getKey() == null ? null : LearningIntake.GoldDelivery.tombstone(UUID.fromString(record.getKey()));
        }
        EventEnvelope envelope = EventCodec.read(record.getPayload());
        return "GoldLabel".equals(envelope.type()) ? LearningIntake.GoldDelivery.of(envelope) : null;
    }

    private static EventEnvelope read(String value) {
        return value == null ? null : EventCodec.read(value);
    }
}
