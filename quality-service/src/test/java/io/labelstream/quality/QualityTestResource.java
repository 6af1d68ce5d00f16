package io.labelstream.quality;

import io.labelstream.devstack.LabelstreamTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every @QuarkusTest of this module runs against the real broker and database, in the schema 'quality'. */
@QuarkusTestResource(value = LabelstreamTestResource.class, initArgs = @ResourceArg(name = "schema", value = "quality"))
public final class QualityTestResource {

    private QualityTestResource() {
    }
}
