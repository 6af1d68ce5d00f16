package io.labelstream.devstack.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelledTextTest {

    @TempDir
    Path folder;

    @Test
    void splitsOnTheFirstTabOnlyAndKeepsQuotesAndCommas() throws IOException {
        Path file = Files.writeString(folder.resolve("texts"), "ham\tOk lar... \"Joking\", wif u oni\tstill\n\nspam\tWIN a prize!\n");

        assertThat(LabelledText.readTabSeparated(file)).containsExactly(
                new LabelledText("ham", "Ok lar... \"Joking\", wif u oni\tstill"),
                new LabelledText("spam", "WIN a prize!"));
    }

    @Test
    void aLineWithoutLabelAndTextIsRefusedWithItsNumber() throws IOException {
        Path file = Files.writeString(folder.resolve("texts"), "ham\tfine\nno tab here\n");

        assertThatThrownBy(() -> LabelledText.readTabSeparated(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("line 2");
    }

    @Test
    void theBundledCollectionHoldsEveryMessage() throws IOException {
        Path bundled = Path.of("..").resolve(io.labelstream.devstack.DatasetsFolder.BUNDLED_SMS_COLLECTION);

        var texts = LabelledText.readTabSeparated(bundled);

        assertThat(texts).hasSize(5574);
        assertThat(texts.stream().filter(t -> t.label().equals("spam"))).hasSize(747);
    }
}
