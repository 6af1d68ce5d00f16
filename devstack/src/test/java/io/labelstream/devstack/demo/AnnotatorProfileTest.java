package io.labelstream.devstack.demo;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AnnotatorProfileTest {

    private static final List<String> LABELS = List.of("ham", "spam");
    private static final int ITEMS = 20_000;

    @Test
    void accuracyFollowsTheReliabilityWithGuessesRightByChance() {
        AnnotatorProfile careful = AnnotatorProfile.reliable("careful-1", "careful", 0.97);
        AnnotatorProfile careless = AnnotatorProfile.reliable("careless-1", "careless", 0.2);

        assertThat(accuracy(careful, 1)).isCloseTo(0.985, within(0.01));
        assertThat(accuracy(careless, 1)).isCloseTo(0.6, within(0.015));
        assertThat(careless.expectedAccuracy(2)).isCloseTo(0.6, within(1e-9));
    }

    @Test
    void anAnswerDependsOnSeedAnnotatorAndItemOnly() {
        AnnotatorProfile average = AnnotatorProfile.reliable("average-1", "average", 0.5);
        List<String> first = IntStream.range(0, 200).mapToObj(i -> average.answer(7, "sms-" + i, "spam", LABELS)).toList();
        // asked in the opposite order, as a concurrent run might serve the items
        String[] again = new String[200];
        IntStream.range(0, 200).map(i -> 199 - i).forEach(i -> again[i] = average.answer(7, "sms-" + i, "spam", LABELS));
        List<String> otherSeed = IntStream.range(0, 200).mapToObj(i -> average.answer(8, "sms-" + i, "spam", LABELS)).toList();

        assertThat(List.of(again)).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void theSameSeedGivesDifferentAnnotatorsDifferentMistakes() {
        AnnotatorProfile one = AnnotatorProfile.reliable("average-1", "average", 0.5);
        AnnotatorProfile two = AnnotatorProfile.reliable("average-2", "average", 0.5);
        List<String> first = IntStream.range(0, 200).mapToObj(i -> one.answer(7, "sms-" + i, "spam", LABELS)).toList();
        List<String> second = IntStream.range(0, 200).mapToObj(i -> two.answer(7, "sms-" + i, "spam", LABELS)).toList();

        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void aFixedLabelIsGivenWhateverTheTruth() {
        AnnotatorProfile constant = AnnotatorProfile.alwaysAnswering("constant-1", "ham");

        assertThat(IntStream.range(0, 100).mapToObj(i -> constant.answer(7, "sms-" + i, i % 2 == 0 ? "ham" : "spam", LABELS)))
                .containsOnly("ham");
    }

    @Test
    void reliabilityOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> AnnotatorProfile.reliable("x", "x", 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 0 and 1");
    }

    private static double accuracy(AnnotatorProfile profile, long seed) {
        long right = IntStream.range(0, ITEMS)
                .filter(i -> {
                    String truth = i % 3 == 0 ? "spam" : "ham";
                    return profile.answer(seed, "sms-" + i, truth, LABELS).equals(truth);
                })
                .count();
        return right / (double) ITEMS;
    }
}
