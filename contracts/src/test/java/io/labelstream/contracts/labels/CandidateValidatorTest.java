package io.labelstream.contracts.labels;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.project.TaskType;
import org.junit.jupiter.api.Test;

import static io.labelstream.contracts.labels.Labels.json;
import static org.assertj.core.api.Assertions.assertThat;

class CandidateValidatorTest {

    private static final JsonNode ITEM = json("{'prompt': 'Which answer is better?', 'candidates':"
            + " [{'id': 'a', 'text': 'one'}, {'id': 'b', 'text': 'two'}, {'id': 'c', 'text': 'three'}]}");

    private final PreferenceValidator preference = new PreferenceValidator();
    private final RankingValidator ranking = new RankingValidator();

    @Test
    void preferenceAcceptsOneOfTheCandidates() {
        assertThat(preference.validate(json("{'preferred': 'b'}"), Labels.schema(TaskType.PREFERENCE, null), ITEM))
                .isEmpty();
    }

    @Test
    void preferenceRefusesAnUnknownCandidateOrAMissingChoice() {
        assertThat(preference.validate(json("{'preferred': 'z'}"), Labels.schema(TaskType.PREFERENCE, null), ITEM))
                .containsExactly(new LabelViolation("label.preferred", "'z' is not one of the candidates [a, b, c]"));
        assertThat(preference.validate(json("{}"), Labels.schema(TaskType.PREFERENCE, null), ITEM))
                .containsExactly(new LabelViolation("label.preferred", "is required"));
    }

    @Test
    void rankingAcceptsAPermutationOfTheCandidates() {
        assertThat(ranking.validate(json("{'ranking': ['b', 'a', 'c']}"), Labels.schema(TaskType.RANKING,
                Labels.ties(false)), ITEM)).isEmpty();
        assertThat(ranking.validate(json("{'ranking': [['b'], ['a'], 'c']}"), Labels.schema(TaskType.RANKING,
                Labels.ties(false)), ITEM)).isEmpty();
    }

    @Test
    void rankingRefusesMissingUnknownAndRepeatedCandidates() {
        assertThat(ranking.validate(json("{'ranking': ['b', 'z', 'b']}"), Labels.schema(TaskType.RANKING, null), ITEM))
                .containsExactly(new LabelViolation("label.ranking[1]", "'z' is not one of the candidates [a, b, c]"),
                        new LabelViolation("label.ranking[2]", "'b' is ranked more than once"),
                        new LabelViolation("label.ranking", "candidates [a, c] are not ranked"));
    }

    @Test
    void tiesOnlyWhereAllowed() {
        JsonNode tied = json("{'ranking': [['b', 'a'], ['c']]}");
        assertThat(ranking.validate(tied, Labels.schema(TaskType.RANKING, Labels.ties(false)), ITEM)).containsExactly(
                new LabelViolation("label.ranking[0]", "ranks 2 candidates equally and the schema does not allow ties"));
        assertThat(ranking.validate(tied, Labels.schema(TaskType.RANKING, Labels.ties(true)), ITEM)).isEmpty();
    }

    @Test
    void rankingRefusesWrongShapes() {
        assertThat(ranking.validate(json("{'ranking': [1, [], ['a', 2]]}"), Labels.schema(TaskType.RANKING,
                Labels.ties(true)), ITEM)).containsExactly(
                new LabelViolation("label.ranking[0]", "must be a candidate id or an array of tied ids"),
                new LabelViolation("label.ranking[1]", "a tier must name at least one candidate"),
                new LabelViolation("label.ranking[2][1]", "must be a candidate id (a string)"),
                new LabelViolation("label.ranking", "candidates [b, c] are not ranked"));
    }

    @Test
    void anItemWithoutCandidatesCannotBeRanked() {
        assertThat(ranking.validate(json("{'ranking': ['a']}"), Labels.schema(TaskType.RANKING, null),
                json("{'text': 'x'}"))).containsExactly(
                new LabelViolation("label.ranking", "the item has no candidates to choose from"));
    }
}
