package io.labelstream.adjudication.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.adjudication.domain.AnnotationRecord;
import io.labelstream.adjudication.domain.AnnotatorQuality;
import io.labelstream.adjudication.domain.AssessmentRecord;
import io.labelstream.adjudication.domain.ItemRecord;
import io.labelstream.adjudication.domain.PredictionRecord;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.AnnotatorAssessed;
import io.labelstream.contracts.events.ItemAssessed;
import io.labelstream.contracts.events.ItemDecision;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ModelPrediction;
import io.labelstream.platform.jdbc.Columns;
import io.labelstream.platform.jdbc.Jdbc;
import io.labelstream.platform.outbox.ArrayLiteral;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What adjudication keeps about items from other services' topics: data, annotations, predictions, quality. */
@ApplicationScoped
public class ItemContextRepository {

    private final Jdbc jdbc;

    public ItemContextRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public void saveItem(ItemIngested item) {
        jdbc.update("""
                insert into item (item_id, project_id, external_id, kind, data, metadata, schema_version, ingested_at)
                values (?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?)
                on conflict (item_id) do update set external_id = excluded.external_id, kind = excluded.kind,
                    data = excluded.data, metadata = excluded.metadata, schema_version = excluded.schema_version,
                    ingested_at = excluded.ingested_at""",
                item.itemId(), item.projectId(), item.externalId(), item.kind(), item.data(), item.metadata(),
                item.schemaVersion(), item.ingestedAt());
    }

    public Optional<ItemRecord> findItem(UUID itemId) {
        return jdbc.one("select * from item where item_id = ?", row -> new ItemRecord(
                (UUID) row.getObject("item_id"), (UUID) row.getObject("project_id"), row.getString("external_id"),
                row.getString("kind"), Columns.json(row, "data"), Columns.json(row, "metadata"),
                (Integer) row.getObject("schema_version"), Columns.instant(row, "ingested_at")), itemId);
    }

    /** Keeps the latest revision of each annotation. */
    public void saveAnnotation(AnnotationSubmitted annotation) {
        jdbc.update("""
                insert into annotation (annotation_id, item_id, project_id, annotator_id, label, revision,
                    schema_version, guideline_version, submitted_at)
                values (?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?)
                on conflict (annotation_id) do update set label = excluded.label, revision = excluded.revision,
                    schema_version = excluded.schema_version, guideline_version = excluded.guideline_version,
                    submitted_at = excluded.submitted_at
                where annotation.revision < excluded.revision""",
                annotation.annotationId(), annotation.itemId(), annotation.projectId(), annotation.annotatorId(),
                annotation.label(), annotation.revision(), annotation.schemaVersion(), annotation.guidelineVersion(),
                annotation.submittedAt());
    }

    /**
     * {@link #saveAnnotation} for many annotations in one statement: of several revisions of one annotation the
     * highest is kept, which is what saving them one after the other keeps.
     */
    public void saveAnnotations(List<AnnotationSubmitted> annotations) {
        Map<UUID, AnnotationSubmitted> latest = new LinkedHashMap<>();
        annotations.forEach(a -> latest.merge(a.annotationId(), a, (kept, next) -> next.revision() > kept.revision() ? next : kept));
        List<AnnotationSubmitted> rows = List.copyOf(latest.values());
        if (rows.isEmpty()) {
            return;
        }
        jdbc.update("""
                insert into annotation (annotation_id, item_id, project_id, annotator_id, label, revision,
                    schema_version, guideline_version, submitted_at)
                select a, i, p, w, cast(l as jsonb), r, s, g, t
                from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::integer[], ?::integer[],
                    ?::integer[], ?::timestamptz[]) as u(a, i, p, w, l, r, s, g, t)
                on conflict (annotation_id) do update set label = excluded.label, revision = excluded.revision,
                    schema_version = excluded.schema_version, guideline_version = excluded.guideline_version,
                    submitted_at = excluded.submitted_at
                where annotation.revision < excluded.revision""",
                ArrayLiteral.of(rows.stream().map(AnnotationSubmitted::annotationId).toList()),
                ArrayLiteral.of(rows.stream().map(AnnotationSubmitted::itemId).toList()),
                ArrayLiteral.of(rows.stream().map(AnnotationSubmitted::projectId).toList()),
                ArrayLiteral.of(rows.stream().map(AnnotationSubmitted::annotatorId).toList()),
                ArrayLiteral.of(rows.stream().map(a -> jsonText(a.label())).toList()),
                ArrayLiteral.of(rows.stream().map(AnnotationSubmitted::revision).toList()),
                ArrayLiteral.of(rows.stream().map(AnnotationSubmitted::schemaVersion).toList()),
                ArrayLiteral.of(rows.stream().map(AnnotationSubmitted::guidelineVersion).toList()),
                ArrayLiteral.of(rows.stream().map(AnnotationSubmitted::submittedAt).toList()));
    }

    public List<AnnotationRecord> annotations(UUID itemId) {
        return jdbc.list("select * from annotation where item_id = ? order by submitted_at, annotation_id",
                row -> new AnnotationRecord((UUID) row.getObject("annotation_id"), (UUID) row.getObject("item_id"),
                        row.getString("annotator_id"), Columns.json(row, "label"), row.getInt("revision"),
                        row.getInt("schema_version"), row.getInt("guideline_version"),
                        Columns.instant(row, "submitted_at")), itemId);
    }

    /** The highest guideline version among the given annotations, if any of them is known. */
    public Optional<Integer> guidelineVersionOf(List<UUID> annotationIds) {
        if (annotationIds.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.one("select max(guideline_version) as v from annotation where annotation_id = any(?)",
                row -> (Integer) row.getObject("v"), (Object) annotationIds.toArray(UUID[]::new));
    }

    public void savePrediction(ModelPrediction prediction) {
        jdbc.update("""
                insert into prediction (item_id, model_id, project_id, distribution, label, predicted_at)
                values (?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?)
                on conflict (item_id, model_id) do update set distribution = excluded.distribution,
                    label = excluded.label, predicted_at = excluded.predicted_at
                where prediction.predicted_at <= excluded.predicted_at""",
                prediction.itemId(), prediction.modelId(), prediction.projectId(),
                prediction.distribution() == null ? null : EventCodec.mapper().valueToTree(prediction.distribution()),
                prediction.label(), prediction.predictedAt());
    }

    /**
     * {@link #savePrediction} for many predictions in one statement: of several predictions of one model for one
     * item the latest is kept (the last of equally recent ones), which is what saving them in order keeps.
     */
    public void savePredictions(List<ModelPrediction> predictions) {
        Map<String, ModelPrediction> latest = new LinkedHashMap<>();
        predictions.forEach(p -> latest.merge(p.itemId() + " " + p.modelId(), p,
                (kept, next) -> next.predictedAt().isBefore(kept.predictedAt()) ? kept : next));
        List<ModelPrediction> rows = List.copyOf(latest.values());
        if (rows.isEmpty()) {
            return;
        }
        jdbc.update("""
                insert into prediction (item_id, model_id, project_id, distribution, label, predicted_at)
                select i, m, p, cast(d as jsonb), cast(l as jsonb), t
                from unnest(?::uuid[], ?::text[], ?::uuid[], ?::text[], ?::text[], ?::timestamptz[]) as u(i, m, p, d, l, t)
                on conflict (item_id, model_id) do update set distribution = excluded.distribution,
                    label = excluded.label, predicted_at = excluded.predicted_at
                where prediction.predicted_at <= excluded.predicted_at""",
                ArrayLiteral.of(rows.stream().map(ModelPrediction::itemId).toList()),
                ArrayLiteral.of(rows.stream().map(ModelPrediction::modelId).toList()),
                ArrayLiteral.of(rows.stream().map(ModelPrediction::projectId).toList()),
                ArrayLiteral.of(rows.stream().map(p -> p.distribution() == null ? null
                        : EventCodec.mapper().valueToTree(p.distribution()).toString()).toList()),
                ArrayLiteral.of(rows.stream().map(p -> jsonText(p.label())).toList()),
                ArrayLiteral.of(rows.stream().map(ModelPrediction::predictedAt).toList()));
    }

    public List<PredictionRecord> predictions(UUID itemId) {
        return jdbc.list("select * from prediction where item_id = ? order by model_id",
                row -> new PredictionRecord(row.getString("model_id"), Columns.json(row, "distribution"),
                        Columns.json(row, "label"), Columns.instant(row, "predicted_at")), itemId);
    }

    public void saveAnnotatorQuality(AnnotatorAssessed assessed) {
        saveAnnotatorQualities(List.of(assessed));
    }

    /**
     * The latest assessment of each annotator, in one statement. Of an annotator's assessments in the list the
     * one assessed last is kept (on a tie the later in the list), as applying them one by one would leave it: a
     * single upsert may not touch a row twice.
     */
    public void saveAnnotatorQualities(List<AnnotatorAssessed> assessments) {
        Map<String, AnnotatorAssessed> latest = new LinkedHashMap<>();
        assessments.forEach(a -> latest.merge(a.projectId() + " " + a.annotatorId(), a,
                (kept, next) -> next.assessedAt().isBefore(kept.assessedAt()) ? kept : next));
        List<AnnotatorAssessed> rows = List.copyOf(latest.values());
        if (rows.isEmpty()) {
            return;
        }
        jdbc.update("""
                insert into annotator_quality (project_id, annotator_id, status, gold_accuracy, agreement,
                    label_count, assessed_at)
                select p, w, s, g, a, n, t
                from unnest(?::uuid[], ?::text[], ?::text[], ?::double precision[], ?::double precision[],
                    ?::integer[], ?::timestamptz[]) as u(p, w, s, g, a, n, t)
                on conflict (project_id, annotator_id) do update set status = excluded.status,
                    gold_accuracy = excluded.gold_accuracy, agreement = excluded.agreement,
                    label_count = excluded.label_count, assessed_at = excluded.assessed_at
                where annotator_quality.assessed_at <= excluded.assessed_at""",
                ArrayLiteral.of(rows.stream().map(AnnotatorAssessed::projectId).toList()),
                ArrayLiteral.of(rows.stream().map(AnnotatorAssessed::annotatorId).toList()),
                ArrayLiteral.of(rows.stream().map(a -> a.status().name()).toList()),
                ArrayLiteral.of(rows.stream().map(AnnotatorAssessed::goldAccuracy).toList()),
                ArrayLiteral.of(rows.stream().map(AnnotatorAssessed::agreement).toList()),
                ArrayLiteral.of(rows.stream().map(AnnotatorAssessed::labelCount).toList()),
                ArrayLiteral.of(rows.stream().map(AnnotatorAssessed::assessedAt).toList()));
    }

    public Map<String, AnnotatorQuality> annotatorQualities(UUID projectId, List<String> annotatorIds) {
        Map<String, AnnotatorQuality> result = new HashMap<>();
        if (annotatorIds.isEmpty()) {
            return result;
        }
        jdbc.list("select * from annotator_quality where project_id = ? and annotator_id = any(?)", row -> {
            result.put(row.getString("annotator_id"), new AnnotatorQuality(row.getString("status"),
                    Columns.nullableDouble(row, "gold_accuracy"), Columns.nullableDouble(row, "agreement"),
                    row.getInt("label_count"), Columns.instant(row, "assessed_at")));
            return null;
        }, projectId, annotatorIds.toArray(String[]::new));
        return result;
    }

    public void saveAssessment(ItemAssessed assessed) {
        List<UUID> ids = assessed.annotationIds() == null ? List.of() : assessed.annotationIds();
        jdbc.update("""
                insert into assessment (item_id, project_id, decision, consensus_label, confidence, agreement, method,
                    label_count, annotation_ids, schema_version, assessed_at)
                values (?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, cast(? as jsonb), ?, ?)
                on conflict (item_id) do update set decision = excluded.decision,
                    consensus_label = excluded.consensus_label, confidence = excluded.confidence,
                    agreement = excluded.agreement, method = excluded.method, label_count = excluded.label_count,
                    annotation_ids = excluded.annotation_ids, schema_version = excluded.schema_version,
                    assessed_at = excluded.assessed_at""",
                assessed.itemId(), assessed.projectId(), assessed.decision(), assessed.consensusLabel(),
                assessed.confidence(), assessed.agreement(), assessed.method(), assessed.labelCount(),
                EventCodec.mapper().valueToTree(ids), assessed.schemaVersion(), assessed.assessedAt());
    }

    /**
     * {@link #saveAssessment} for many assessments in one statement; of several assessments of one item the
     * last is kept, as saving them one after the other would.
     */
    public void saveAssessments(List<ItemAssessed> assessments) {
        Map<UUID, ItemAssessed> last = new LinkedHashMap<>();
        assessments.forEach(a -> last.put(a.itemId(), a));
        List<ItemAssessed> rows = List.copyOf(last.values());
        if (rows.isEmpty()) {
            return;
        }
        jdbc.update("""
                insert into assessment (item_id, project_id, decision, consensus_label, confidence, agreement, method,
                    label_count, annotation_ids, schema_version, assessed_at)
                select i, p, d, cast(c as jsonb), f, g, m, n, cast(a as jsonb), s, t
                from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::float8[], ?::float8[], ?::text[], ?::integer[],
                    ?::text[], ?::integer[], ?::timestamptz[]) as u(i, p, d, c, f, g, m, n, a, s, t)
                on conflict (item_id) do update set decision = excluded.decision,
                    consensus_label = excluded.consensus_label, confidence = excluded.confidence,
                    agreement = excluded.agreement, method = excluded.method, label_count = excluded.label_count,
                    annotation_ids = excluded.annotation_ids, schema_version = excluded.schema_version,
                    assessed_at = excluded.assessed_at""",
                ArrayLiteral.of(rows.stream().map(ItemAssessed::itemId).toList()),
                ArrayLiteral.of(rows.stream().map(ItemAssessed::projectId).toList()),
                ArrayLiteral.of(rows.stream().map(a -> a.decision().name()).toList()),
                ArrayLiteral.of(rows.stream().map(a -> jsonText(a.consensusLabel())).toList()),
                ArrayLiteral.of(rows.stream().map(ItemAssessed::confidence).toList()),
                ArrayLiteral.of(rows.stream().map(ItemAssessed::agreement).toList()),
                ArrayLiteral.of(rows.stream().map(ItemAssessed::method).toList()),
                ArrayLiteral.of(rows.stream().map(ItemAssessed::labelCount).toList()),
                ArrayLiteral.of(rows.stream().map(a -> EventCodec.mapper().valueToTree(
                        a.annotationIds() == null ? List.of() : a.annotationIds()).toString()).toList()),
                ArrayLiteral.of(rows.stream().map(ItemAssessed::schemaVersion).toList()),
                ArrayLiteral.of(rows.stream().map(ItemAssessed::assessedAt).toList()));
    }

    private static String jsonText(JsonNode json) {
        return json == null || json.isNull() ? null : json.toString();
    }

    /** The external id of each of the items that is known and has one. */
    public Map<UUID, String> externalIds(Collection<UUID> itemIds) {
        Map<UUID, String> externalIds = new HashMap<>();
        jdbc.list("select item_id, external_id from item where item_id = any(?) and external_id is not null", row -> {
            externalIds.put((UUID) row.getObject("item_id"), row.getString("external_id"));
            return null;
        }, (Object) itemIds.toArray(UUID[]::new));
        return externalIds;
    }

    /** The guideline version of each of the annotations that is known. */
    public Map<UUID, Integer> guidelineVersions(Collection<UUID> annotationIds) {
        Map<UUID, Integer> versions = new HashMap<>();
        if (annotationIds.isEmpty()) {
            return versions;
        }
        jdbc.list("select annotation_id, guideline_version from annotation where annotation_id = any(?)", row -> {
            versions.put((UUID) row.getObject("annotation_id"), row.getInt("guideline_version"));
            return null;
        }, (Object) annotationIds.toArray(UUID[]::new));
        return versions;
    }

    public Optional<AssessmentRecord> findAssessment(UUID itemId) {
        return jdbc.one("select * from assessment where item_id = ?", row -> {
            List<UUID> ids = new ArrayList<>();
            JsonNode idArray = Columns.json(row, "annotation_ids");
            if (idArray != null) {
                idArray.forEach(id -> ids.add(UUID.fromString(id.asText())));
            }
            return new AssessmentRecord((UUID) row.getObject("item_id"), ItemDecision.valueOf(row.getString("decision")),
                    Columns.json(row, "consensus_label"), row.getDouble("confidence"),
                    Columns.nullableDouble(row, "agreement"), row.getString("method"), row.getInt("label_count"), ids,
                    row.getInt("schema_version"), Columns.instant(row, "assessed_at"));
        }, itemId);
    }
}
