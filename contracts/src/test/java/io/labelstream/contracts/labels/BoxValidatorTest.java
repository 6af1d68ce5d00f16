package io.labelstream.contracts.labels;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.TaskType;
import org.junit.jupiter.api.Test;

import static io.labelstream.contracts.labels.Labels.json;
import static org.assertj.core.api.Assertions.assertThat;

class BoxValidatorTest {

    private static final JsonNode IMAGE = json("{'imageUrl': 'https://example.org/1.jpg', 'width': 640, 'height': 480}");

    private final BoxValidator validator = new BoxValidator();

    private static LabelingSchema schema(Integer max, Double minWidth, Double minHeight) {
        return Labels.schema(TaskType.BOXES, Labels.regions(max, null, minWidth, minHeight), "car", "person");
    }

    private static JsonNode box(String box) {
        return json("{'boxes': [" + box + "]}");
    }

    @Test
    void acceptsABoxInsideTheImage() {
        assertThat(validator.validate(box("{'x': 10, 'y': 20, 'width': 100, 'height': 50, 'label': 'car'}"),
                schema(null, null, null), IMAGE)).isEmpty();
        assertThat(validator.validate(box("{'x': 540, 'y': 380, 'width': 100, 'height': 100, 'label': 'car'}"),
                schema(null, null, null), IMAGE)).isEmpty();
    }

    @Test
    void refusesABoxOutsideTheImage() {
        assertThat(validator.validate(box("{'x': -1, 'y': -2, 'width': 100, 'height': 50, 'label': 'car'}"),
                schema(null, null, null), IMAGE)).containsExactly(
                new LabelViolation("label.boxes[0].x", "x -1.0 is left of the image"),
                new LabelViolation("label.boxes[0].y", "y -2.0 is above the image"));
        assertThat(validator.validate(box("{'x': 600, 'y': 450, 'width': 41, 'height': 31, 'label': 'car'}"),
                schema(null, null, null), IMAGE)).containsExactly(
                new LabelViolation("label.boxes[0].width", "x + width = 641.0 is beyond the image width 640.0"),
                new LabelViolation("label.boxes[0].height", "y + height = 481.0 is beyond the image height 480.0"));
    }

    @Test
    void refusesAnEmptyBoxAndOneBelowTheMinimumSize() {
        assertThat(validator.validate(box("{'x': 1, 'y': 1, 'width': 0, 'height': 10, 'label': 'car'}"),
                schema(null, null, null), IMAGE)).containsExactly(
                new LabelViolation("label.boxes[0].width", "width 0.0 must be positive"));
        assertThat(validator.validate(box("{'x': 1, 'y': 1, 'width': 5, 'height': 3, 'label': 'car'}"),
                schema(null, 8.0, 4.0), IMAGE)).containsExactly(
                new LabelViolation("label.boxes[0].width", "width 5.0 is below the minimum of 8.0"),
                new LabelViolation("label.boxes[0].height", "height 3.0 is below the minimum of 4.0"));
    }

    @Test
    void refusesLabelsOutsideTheSetAndTooManyBoxes() {
        assertThat(validator.validate(json("{'boxes': [{'x': 1, 'y': 1, 'width': 5, 'height': 5, 'label': 'tree'},"
                + " {'x': 1, 'y': 1, 'width': 5, 'height': 5, 'label': 'car'}]}"), schema(1, null, null), IMAGE))
                .containsExactly(new LabelViolation("label.boxes", "2 boxes exceed the maximum of 1"),
                        new LabelViolation("label.boxes[0].label", "'tree' is not in the label set [car, person]"));
    }

    @Test
    void refusesWrongShapes() {
        assertThat(validator.validate(box("{'x': '1', 'y': 1, 'height': 5, 'label': 'car'}"), schema(null, null, null),
                IMAGE)).containsExactly(new LabelViolation("label.boxes[0].x", "must be a number"),
                new LabelViolation("label.boxes[0].width", "is required"));
        assertThat(validator.validate(json("{'boxes': {}}"), schema(null, null, null), IMAGE))
                .containsExactly(new LabelViolation("label.boxes", "must be an array"));
    }

    @Test
    void anItemWithoutImageSizeCannotBeBoxed() {
        assertThat(validator.validate(json("{'boxes': []}"), schema(null, null, null), json("{'text': 'x'}")))
                .containsExactly(new LabelViolation("label.boxes", "the item is not an image with a known size"));
    }
}
