package io.labelstream.ingestion.service;

import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.MalformedEventException;
import io.labelstream.contracts.events.CalibrationAssessed;
import io.labelstream.ingestion.repository.CalibrationVerdictRepository;
import io.labelstream.platform.inbox.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Keeps quality's calibration verdicts, which the move from PILOT to ACTIVE is judged on. */
@ApplicationScoped
public class CalibrationVerdicts {

    static final String CONSUMER = "ingestion-service.project-quality";
    static final String TYPE = "CalibrationAssessed";

    private final Inbox inbox;
    private final CalibrationVerdictRepository verdicts;

    public CalibrationVerdicts(Inbox inbox, CalibrationVerdictRepository verdicts) {
        this.inbox = inbox;
        this.verdicts = verdicts;
    }

    /** Keeps the verdict the envelope carries; other event types are skipped. */
    @Transactional
    public void apply(EventEnvelope envelope) {
        if (!TYPE.equals(envelope.type()) || !inbox.firstDelivery(CONSUMER, envelope.eventId())) {
            return;
        }
        CalibrationAssessed verdict = EventCodec.payload(envelope, CalibrationAssessed.class);
        if (verdict.projectId() == null || verdict.state() == null || verdict.assessedAt() == null) {
            throw new MalformedEventException("CalibrationAssessed needs projectId, state and assessedAt");
        }
        verdicts.keep(verdict);
    }
}
