package io.labelstream.adjudication;

import io.labelstream.devstack.LabelstreamTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every @QuarkusTest of this module runs against the real broker and database, in the schema 'adjudication'. */
@QuarkusTestResource(value = LabelstreamTestResource.class, initArgs = @ResourceArg(name = "schema", value = "adjudication"))
public final class AdjudicationTestResource {

    private AdjudicationTestResource() {
    }
}
