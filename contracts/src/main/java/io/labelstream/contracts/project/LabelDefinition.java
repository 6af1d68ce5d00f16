package io.labelstream.contracts.project;

/** One label of the label set; description and colour are for frontends. */
public record LabelDefinition(String name, String description, String colour) {
}
