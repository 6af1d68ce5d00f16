package io.labelstream.learning.domain;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TextFeaturesTest {

    @Test
    void wordsBigramsAndCharacterGramsOfNormalisedText() {
        Map<String, Double> features = TextFeatures.of("Free  CAFÉ!");
        assertThat(features).containsKeys("w:free", "w:cafe", "b:free cafe", "c:<f", "c:fre", "c:ee>", "c:caf");
        assertThat(features.keySet()).noneMatch(name -> name.contains("!") || name.contains("É"));
    }

    @Test
    void eachFamilyHasUnitNorm() {
        Map<String, Double> features = TextFeatures.of("win win win a prize now");
        double words = features.entrySet().stream().filter(e -> !e.getKey().startsWith("c:"))
                .mapToDouble(e -> e.getValue() * e.getValue()).sum();
        double chars = features.entrySet().stream().filter(e -> e.getKey().startsWith("c:"))
                .mapToDouble(e -> e.getValue() * e.getValue()).sum();
        assertThat(words).isCloseTo(1.0, within(1e-9));
        assertThat(chars).isCloseTo(1.0, within(1e-9));
        assertThat(features.get("w:win")).isGreaterThan(features.get("w:prize"));
    }

    @Test
    void emptyAndMissingTextHaveNoFeatures() {
        assertThat(TextFeatures.of(null)).isEmpty();
        assertThat(TextFeatures.of(" ?! ")).isEmpty();
    }
}
