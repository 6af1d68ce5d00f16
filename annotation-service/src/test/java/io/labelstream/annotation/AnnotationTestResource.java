package io.labelstream.annotation;

import io.labelstream.devstack.LabelstreamTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every @QuarkusTest of this module runs against the real broker and database, in the schema 'annotation'. */
@QuarkusTestResource(value = LabelstreamTestResource.class, initArgs = @ResourceArg(name = "schema", value = "annotation"))
public final class AnnotationTestResource {

    private AnnotationTestResource() {
    }
}
