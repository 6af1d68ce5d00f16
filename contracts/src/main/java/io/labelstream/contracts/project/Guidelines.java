package io.labelstream.contracts.project;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** The instructions annotators follow, versioned with the project. */
public record Guidelines(int version, String text, List<Example> examples, List<String> edgeCases) {

    /** A worked example: an item and the label it should get, with the reason. */
    public record Example(JsonNode data, JsonNode label, String explanation) {
    }
}
