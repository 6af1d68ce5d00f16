package io.labelstream.ingestion.messaging;

import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.ingestion.service.ItemService;
import io.labelstream.platform.messaging.WhileDatabaseBusy;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Items sent by pipelines to labeling.raw-items; a record that cannot be ingested goes to the dead-letter topic. */
@ApplicationScoped
public class RawItemsConsumer {

    public static final String CHANNEL = "raw-items-in";
    static final String RAW_ITEM = "RawItem";

    private final ItemService items;

    public RawItemsConsumer(ItemService items) {
        this.items = items;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(String value) {
        if (value == null) {
            return;
        }
        EventEnvelope envelope = EventCodec.read(value);
        if (RAW_ITEM.equals(envelope.type())) {
            WhileDatabaseBusy.run("raw item " + envelope.eventId(), () -> items.ingestRaw(envelope));
        }
    }
}
