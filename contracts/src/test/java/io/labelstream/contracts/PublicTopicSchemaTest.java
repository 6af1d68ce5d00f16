package io.labelstream.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.CalibrationAssessed;
import io.labelstream.contracts.events.CalibrationState;
import io.labelstream.contracts.events.DecidedBy;
import io.labelstream.contracts.events.GoldLabel;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ItemKind;
import io.labelstream.contracts.events.RawItem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps the JSON Schemas of the public topics and the event records in step. */
class PublicTopicSchemaTest {

    private static final Clock CLOCK = Clock.systemUTC();
    private static final UUID PROJECT = UUID.randomUUID();
    private static final UUID ITEM = UUID.randomUUID();

    static Stream<Arguments> publicTopics() {
        ObjectNode data = EventCodec.mapper().createObjectNode().put("text", "the cat sat");
        ObjectNode metadata = EventCodec.mapper().createObjectNode().put("source", "unit");
        ObjectNode label = EventCodec.mapper().createObjectNode().put("choice", "cat");
        return Stream.of(
                Arguments.of(Topics.RAW_ITEMS,
                        new RawItem(PROJECT, "ext-1", data, metadata, true, true, label)),
                Arguments.of(Topics.ITEMS,
                        new ItemIngested(ITEM, PROJECT, "ext-1", ItemKind.GOLD, false, true, data, metadata,
                                "sha256:ab", 2, Instant.now())),
                Arguments.of(Topics.ITEMS,
                        new ItemIngested(ITEM, PROJECT, "ext-2", ItemKind.REGULAR, false, false, data, metadata,
                                "sha256:cd", 2, Instant.now(), 2, List.of("ann-1", "ann-2"))),
                Arguments.of(Topics.ANNOTATIONS,
                        new AnnotationSubmitted(UUID.randomUUID(), UUID.randomUUID(), ITEM, PROJECT, "ann-1", label,
                                1200L, 1500L, 2, 1, 1, Instant.now())),
                Arguments.of(Topics.GOLD,
                        new GoldLabel(ITEM, PROJECT, "ext-1", label, 3, DecidedBy.REVIEWER, "rev-1", 0.93,
                                List.of(UUID.randomUUID()), 2, 1, Instant.now(), "labelstream-linear:p:v3")),
                Arguments.of(Topics.PROJECT_QUALITY,
                        new CalibrationAssessed(PROJECT, 2, CalibrationState.FAILED, 30, 90, 3, 0.61, 0.8, 20,
                                Instant.now())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publicTopics")
    void everyFieldOfTheRecordIsValidAgainstTheTopicSchema(String topic, EventPayload payload) throws IOException {
        JsonSchema schema = schemaOf(topic);
        JsonNode written = EventCodec.mapper().readTree(EventCodec.write(EventCodec.envelope(payload, CLOCK)));

        Set<ValidationMessage> problems = schema.validate(written);

        assertThat(problems).as("schema problems of %s", topic).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publicTopics")
    void theSchemaNamesExactlyTheRecordsFields(String topic, EventPayload payload) throws IOException {
        JsonNode schemaJson = schemaJson(topic);
        Set<String> schemaFields = new TreeSet<>();
        Iterator<String> names = schemaJson.at("/properties/payload/properties").fieldNames();
        names.forEachRemaining(schemaFields::add);

        Set<String> recordFields = Arrays.stream(payload.getClass().getRecordComponents())
                .map(c -> c.getName())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(schemaFields).isEqualTo(recordFields);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publicTopics")
    void aRecordMissingARequiredFieldIsRejected(String topic, EventPayload payload) throws IOException {
        ObjectNode written = (ObjectNode) EventCodec.mapper()
                .readTree(EventCodec.write(EventCodec.envelope(payload, CLOCK)));
        ((ObjectNode) written.get("payload")).remove("projectId");

        assertThat(schemaOf(topic).validate(written)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publicTopics")
    void theRecordSurvivesARoundTrip(String topic, EventPayload payload) {
        EventEnvelope envelope = EventCodec.read(EventCodec.write(EventCodec.envelope(payload, CLOCK)));

        assertThat(EventCodec.payload(envelope, payload.getClass())).isEqualTo(payload);
        assertThat(envelope.key()).isEqualTo(payload.key());
        assertThat(envelope.projectId()).isEqualTo(PROJECT);
    }

    private static JsonSchema schemaOf(String topic) throws IOException {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaJson(topic), config);
    }

    private static JsonNode schemaJson(String topic) throws IOException {
        try (InputStream in = PublicTopicSchemaTest.class.getResourceAsStream("/schemas/" + topic + ".schema.json")) {
            assertThat(in).as("schema of " + topic).isNotNull();
            return EventCodec.mapper().readTree(in);
        }
    }
}
