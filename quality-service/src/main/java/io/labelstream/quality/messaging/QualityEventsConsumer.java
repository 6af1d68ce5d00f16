package io.labelstream.quality.messaging;

import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.events.ReferenceAnswerSet;
import io.labelstream.platform.messaging.WhileDatabaseBusy;
import io.labelstream.quality.service.AnnotationIntake;
import io.labelstream.quality.service.AnnotationBatchIntake;
import io.labelstream.quality.service.AnnotationDelivery;
import io.labelstream.quality.service.CompletedProjectRefit;
import io.labelstream.quality.service.ItemCatalog;
import io.labelstream.quality.service.ProjectCatalog;
import io.labelstream.quality.service.QuarantineFollowUp;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Thin adapters of the incoming topics. A record that is not an event, or whose payload does not bind,
 * throws: the connector dead-letters it and the partition keeps flowing. Tombstones and event types
 * quality does not use are skipped.
 */
@ApplicationScoped
public class QualityEventsConsumer {

    private final ProjectCatalog projects;
    private final ItemCatalog items;
    private final AnnotationIntake annotations;
    private final AnnotationBatchIntake annotationBatches;
    private final QuarantineFollowUp followUp;
    private final CompletedProjectRefit completionRefit;

    public QualityEventsConsumer(ProjectCatalog projects, ItemCatalog items, AnnotationIntake annotations,
                                 AnnotationBatchIntake annotationBatches, QuarantineFollowUp followUp,
                                 CompletedProjectRefit completionRefit) {
        this.projects = projects;
        this.items = items;
        this.annotations = annotations;
        this.annotationBatches = annotationBatches;
        this.followUp = followUp;
        this.completionRefit = completionRefit;
    }

    @Incoming(QualityChannels.PROJECTS)
    @Blocking
    public void onProject(String value) {
        if (value == null) {
            return;
        }
        EventEnvelope envelope = EventCodec.read(value);
        if (ProjectEvent.DEFINED.equals(envelope.type()) || ProjectEvent.UPDATED.equals(envelope.type())) {
            ProjectEvent project = EventCodec.payload(envelope, ProjectEvent.class);
            if (WhileDatabaseBusy.call("project event " + envelope.eventId(),
                    () -> projects.apply(envelope.eventId(), project))) {
                completionRefit.afterCommit(project.projectId());
            }
        }
    }

    @Incoming(QualityChannels.ITEMS)
    @Blocking
    public void onItem(String value) {
        if (value == null) {
            return;
        }
        EventEnvelope envelope = EventCodec.read(value);
        if (ItemIngested.class.getSimpleName().equals(envelope.type())) {
            ItemIngested item = EventCodec.payload(envelope, ItemIngested.class);
            followUp.afterCommit(WhileDatabaseBusy.call("item event " + envelope.eventId(),
                    () -> items.ingested(envelope.eventId(), item)));
        }
    }

    @Incoming(QualityChannels.REFERENCE_ANSWERS)
    @Blocking
    public void onReferenceAnswer(String value) {
        if (value == null) {
            return;
        }
        EventEnvelope envelope = EventCodec.read(value);
        if (ReferenceAnswerSet.class.getSimpleName().equals(envelope.type())) {
            ReferenceAnswerSet answer = EventCodec.payload(envelope, ReferenceAnswerSet.class);
            followUp.afterCommit(WhileDatabaseBusy.call("reference answer event " + envelope.eventId(),
                    () -> annotations.referenceAnswerSet(envelope.eventId(), answer)));
        }
    }

    /**
     * A poll batch of annotations (the channel runs in batch mode): each record is decoded on its own, so a
     * malformed one is dead-lettered with its reason and the rest go on; the sound ones are applied together
     * ({@link AnnotationBatchIntake}). Each record is acknowledged only once what it caused has committed, so
     * the offsets committed never run ahead of the database. The batch as a whole is never failed: the connector
     * would dead-letter every record in it, the sound ones too.
     */
    @Incoming(QualityChannels.ANNOTATIONS)
    @Blocking
    public CompletionStage<Void> onAnnotations(KafkaRecordBatch<String, String> batch) {
        List<CompletionStage<Void>> acknowledged = new ArrayList<>();
        Map<AnnotationDelivery, KafkaRecord<String, String>> recordOf = new IdentityHashMap<>();
        List<AnnotationDelivery> deliveries = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                AnnotationDelivery delivery = annotationIn(record.getPayload());
                if (delivery == null) {
                    acknowledged.add(record.ack());
                } else {
                    recordOf.put(delivery, record);
                    deliveries.add(delivery);
                }
            } catch (RuntimeException poison) {
                acknowledged.add(record.nack(poison));
            }
        }
        for (AnnotationBatchIntake.Taken taken : annotationBatches.take(deliveries)) {
            KafkaRecord<String, String> record = recordOf.get(taken.delivery());
            acknowledged.add(taken.applied() ? record.ack() : record.nack(taken.failure()));
        }
        return CompletableFuture.allOf(acknowledged.stream().map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new));
    }

    /** The annotation a record carries; null for tombstones and event types quality does not use. */
    private static AnnotationDelivery annotationIn(String value) {
        if (value == null) {
            return null;
        }
        EventEnvelope envelope = EventCodec.read(value);
        if (!AnnotationSubmitted.SUBMITTED.equals(envelope.type()) && !AnnotationSubmitted.REVISED.equals(envelope.type())) {
            return null;
        }
        return new AnnotationDelivery(envelope.eventId(), EventCodec.payload(envelope, AnnotationSubmitted.class));
    }
}
