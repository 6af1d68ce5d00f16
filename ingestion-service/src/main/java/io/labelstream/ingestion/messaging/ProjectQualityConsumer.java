package io.labelstream.ingestion.messaging;

import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.ingestion.service.CalibrationVerdicts;
import io.labelstream.platform.messaging.WhileDatabaseBusy;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Quality's calibration verdicts from labeling.project-quality; a record that cannot be read is dead-lettered. */
@ApplicationScoped
public class ProjectQualityConsumer {

    public static final String CHANNEL = "project-quality-in";

    private final CalibrationVerdicts verdicts;

    public ProjectQualityConsumer(CalibrationVerdicts verdicts) {
        this.verdicts = verdicts;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(String value) {
        if (value == null) {
            return;
        }
        EventEnvelope envelope = EventCodec.read(value);
        WhileDatabaseBusy.run("project quality event " + envelope.eventId(), () -> verdicts.apply(envelope));
    }
}
