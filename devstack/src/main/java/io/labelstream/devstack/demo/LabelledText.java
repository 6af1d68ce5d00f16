package io.labelstream.devstack.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A text with its known label, e.g. one line of the SMS Spam Collection. */
public record LabelledText(String label, String text) {

    /**
     * Reads a {@code label<TAB>text} file such as the SMS Spam Collection. The text is split off at the
     * first tab and kept as it is: the messages hold quotes and commas, so the file is not CSV.
     */
    public static List<LabelledText> readTabSeparated(Path file) throws IOException {
        List<LabelledText> texts = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(file)) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab <= 0 || tab == line.length() - 1) {
                throw new IOException(file + ": line " + number + " is not label<TAB>text");
            }
            texts.add(new LabelledText(line.substring(0, tab), line.substring(tab + 1)));
        }
        return List.copyOf(texts);
    }
}
