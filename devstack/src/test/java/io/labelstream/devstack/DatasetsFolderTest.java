package io.labelstream.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetsFolderTest {

    @TempDir
    Path root;

    @Test
    void findsACrowdDatasetWithItsAnswersAndTruth() throws IOException {
        Path folder = Files.createDirectories(root.resolve("crowd/textual-entailment"));
        Files.writeString(folder.resolve("answers.csv"), "item,worker,label\n");
        Files.writeString(folder.resolve("truth.csv"), "item,label\n");

        assertThat(new DatasetsFolder(root).crowdDataset("textual-entailment")).isEqualTo(folder);
        assertThat(new DatasetsFolder(root).has("crowd/textual-entailment")).isTrue();
    }

    @Test
    void aMissingCrowdDatasetNamesTheVariableThatProvidesIt() {
        assertThatThrownBy(() -> new DatasetsFolder(root).crowdDataset("textual-entailment"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("crowd/textual-entailment")
                .hasMessageContaining(root.toString())
                .hasMessageContaining("LABELSTREAM_DATASETS");
    }
}
