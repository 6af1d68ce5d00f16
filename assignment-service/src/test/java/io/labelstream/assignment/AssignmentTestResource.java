package io.labelstream.assignment;

import io.labelstream.devstack.LabelstreamTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every @QuarkusTest of this module runs against the real broker and database, in the schema 'assignment'. */
@QuarkusTestResource(value = LabelstreamTestResource.class, initArgs = @ResourceArg(name = "schema", value = "assignment"))
public final class AssignmentTestResource {

    private AssignmentTestResource() {
    }
}
