package io.labelstream.ingestion;

import io.labelstream.devstack.LabelstreamTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every @QuarkusTest of this module runs against the real broker and database, in the schema 'ingestion'. */
@QuarkusTestResource(value = LabelstreamTestResource.class, initArgs = @ResourceArg(name = "schema", value = "ingestion"))
public final class IngestionTestResource {

    private IngestionTestResource() {
    }
}
