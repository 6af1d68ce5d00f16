package io.labelstream.devstack.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A crowd-labelled dataset: {@code answers.csv} (item,worker,label, one row per worker label) and
 * {@code truth.csv} (item,label), as in the shared crowd datasets.
 */
public record CrowdDataset(String name, List<Answer> answers, Map<String, String> truth) {

    public record Answer(String item, String worker, String label) {
    }

    public static CrowdDataset read(Path folder) throws IOException {
        List<Answer> answers = new ArrayList<>();
        for (String[] row : rows(folder.resolve("answers.csv"), 3)) {
            answers.add(new Answer(row[0], row[1], row[2]));
        }
        Map<String, String> truth = new LinkedHashMap<>();
        for (String[] row : rows(folder.resolve("truth.csv"), 2)) {
            truth.put(row[0], row[1]);
        }
        return new CrowdDataset(folder.getFileName().toString(), List.copyOf(answers), Collections.unmodifiableMap(truth));
    }

    /** The dataset restricted to its first {@code count} items in file order, with their answers. */
    public CrowdDataset firstItems(int count) {
        List<String> kept = items().stream().limit(count).toList();
        java.util.Set<String> keep = new java.util.HashSet<>(kept);
        Map<String, String> keptTruth = new LinkedHashMap<>();
        truth.forEach((item, label) -> {
            if (keep.contains(item)) {
                keptTruth.put(item, label);
            }
        });
        return new CrowdDataset(name, answers.stream().filter(a -> keep.contains(a.item())).toList(), keptTruth);
    }

    /** Items in order of first appearance in the answers. */
    public List<String> items() {
        return answers.stream().map(Answer::item).distinct().toList();
    }

    public List<String> labels() {
        TreeSet<String> labels = new TreeSet<>();
        answers.forEach(a -> labels.add(a.label()));
        labels.addAll(truth.values());
        return List.copyOf(labels);
    }

    public List<String> workers() {
        return answers.stream().map(Answer::worker).distinct().toList();
    }

    /** worker → (item → label). */
    public Map<String, Map<String, String>> answersByWorker() {
        Map<String, Map<String, String>> byWorker = new LinkedHashMap<>();
        answers.forEach(a -> byWorker.computeIfAbsent(a.worker(), w -> new java.util.HashMap<>()).put(a.item(), a.label()));
        return byWorker;
    }

    private static List<String[]> rows(Path file, int columns) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            String header = reader.readLine();
            if (header == null) {
                return rows;
            }
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length < columns) {
                    throw new IOException(file + ": line '" + line + "' has fewer than " + columns + " columns");
                }
                rows.add(cells);
            }
        }
        return rows;
    }
}
