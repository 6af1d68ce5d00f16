package io.labelstream.learning.domain;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The features of a text: word unigrams and bigrams and character 2..4-grams of each word (with boundary
 * marks, so prefixes and suffixes are features of their own), weighted by sublinear term frequency
 * {@code 1 + ln tf} and scaled to unit L2 norm per family, so long and short texts weigh alike and neither
 * family drowns the other. Character n-grams carry obfuscated and misspelt words ("fr33", "txt") that word
 * features miss on small training sets.
 */
public final class TextFeatures {

    static final int MIN_CHAR_GRAM = 2;
    static final int MAX_CHAR_GRAM = 4;
    // long texts are cut here: a few thousand characters say what a text is about, and cost stays bounded
    static final int MAX_CHARACTERS = 4_000;

    private TextFeatures() {
    }

    /** Feature name to value; names start with {@code w:}, {@code b:} or {@code c:} by family. */
    public static Map<String, Double> of(String text) {
        String normalised = normalise(text);
        String[] words = normalised.isEmpty() ? new String[0] : normalised.split(" ");
        Map<String, Double> wordCounts = new HashMap<>();
        Map<String, Double> charCounts = new HashMap<>();
        for (int i = 0; i < words.length; i++) {
            wordCounts.merge("w:" + words[i], 1.0, Double::sum);
            if (i > 0) {
                wordCounts.merge("b:" + words[i - 1] + ' ' + words[i], 1.0, Double::sum);
            }
            String marked = '<' + words[i] + '>';
            for (int n = MIN_CHAR_GRAM; n <= MAX_CHAR_GRAM; n++) {
                for (int start = 0; start + n <= marked.length(); start++) {
                    charCounts.merge("c:" + marked.substring(start, start + n), 1.0, Double::sum);
                }
            }
        }
        Map<String, Double> features = new HashMap<>(wordCounts.size() + charCounts.size());
        putScaled(wordCounts, features);
        putScaled(charCounts, features);
        return features;
    }

    /** Lower case, accents folded, every run of characters other than letters and digits one space. */
    static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String cut = text.length() > MAX_CHARACTERS ? text.substring(0, MAX_CHARACTERS) : text;
        String folded = Normalizer.normalize(cut, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return folded.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    }

    private static void putScaled(Map<String, Double> counts, Map<String, Double> into) {
        double squares = 0;
        for (Map.Entry<String, Double> count : counts.entrySet()) {
            double weight = 1 + Math.log(count.getValue());
            count.setValue(weight);
            squares += weight * weight;
        }
        double norm = Math.sqrt(squares);
        counts.forEach((name, weight) -> into.put(name, weight / norm));
    }
}
