package io.labelstream.quality.domain.inference;

import io.labelstream.quality.domain.testdata.Datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** A crowd set from datasets/crowd: answers.csv (item,worker,label) and truth.csv (item,label). */
record CrowdDataset(String name, List<Annotation> answers, Map<String, String> truth) {

    static CrowdDataset load(String name) {
        Path folder = Datasets.require("crowd/" + name);
        List<Annotation> answers = new ArrayList<>();
        for (String[] row : rows(folder.resolve("answers.csv"), 3)) {
            answers.add(new Annotation(row[0], row[1], row[2]));
        }
        Map<String, String> truth = new HashMap<>();
        for (String[] row : rows(folder.resolve("truth.csv"), 2)) {
            truth.put(row[0], row[1]);
        }
        return new CrowdDataset(name, List.copyOf(answers), Map.copyOf(truth));
    }

    List<String> labels() {
        TreeSet<String> labels = new TreeSet<>();
        answers.forEach(a -> labels.add(a.label()));
        return new ArrayList<>(labels);
    }

    /** Share of gold items that have at least one answer and whose inferred label is the gold one. */
    double accuracy(Map<String, String> predicted) {
        int scored = 0;
        int right = 0;
        for (Map.Entry<String, String> gold : truth.entrySet()) {
            String label = predicted.get(gold.getKey());
            if (label == null) {
                continue;
            }
            scored++;
            if (label.equals(gold.getValue())) {
                right++;
            }
        }
        return right / (double) scored;
    }

    private static List<String[]> rows(Path file, int columns) {
        try {
            List<String> lines = Files.readAllLines(file);
            List<String[]> rows = new ArrayList<>(lines.size());
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length != columns) {
                    throw new IllegalStateException("expected " + columns + " columns in " + file + ": " + line);
                }
                rows.add(cells);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
