package io.labelstream.adjudication.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.events.DecidedBy;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * What a reviewer decided compared with the consensus they reviewed: the record behind overturn rates.
 * Written once per review, never changed.
 */
@Entity
@Table(name = "review_outcome")
@Immutable
public class ReviewOutcome extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "project_id")
    private UUID projectId;

    @Column(name = "item_id")
    private UUID itemId;

    @Enumerated(EnumType.STRING)
    private ReviewReason reason;

    @Column(name = "reviewer_id")
    private String reviewerId;

    /** Null when the item had no consensus label. */
    @Column(name = "consensus_label")
    @JdbcTypeCode(SqlTypes.JSON)
    private String consensusLabel;

    @Column(name = "decided_label")
    @JdbcTypeCode(SqlTypes.JSON)
    private String decidedLabel;

    private boolean overturned;

    /** Who decided the label under review: CONSENSUS or MODEL. */
    @Enumerated(EnumType.STRING)
    @Column(name = "reviewed_decided_by")
    private DecidedBy reviewedDecidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    protected ReviewOutcome() {
    }

    public ReviewOutcome(UUID projectId, UUID itemId, ReviewReason reason, String reviewerId, DecidedBy reviewedDecidedBy,
                         JsonNode consensus, JsonNode decided, boolean overturned, Instant decidedAt) {
        this.projectId = projectId;
        this.itemId = itemId;
        this.reason = reason;
        this.reviewerId = reviewerId;
        this.consensusLabel = text(consensus);
        this.decidedLabel = text(decided);
        this.overturned = overturned;
        this.reviewedDecidedBy = reviewedDecidedBy;
        this.decidedAt = decidedAt;
    }

    // a JSON null is no label: stored as SQL null, which is what the overturn counts leave out
    private static String text(JsonNode label) {
        return label == null || label.isNull() ? null : label.toString();
    }
}
