package io.labelstream.platform.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SafeTextTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void ordinaryTextIncludingPairedSurrogatesIsSafe() {
        assertThat(SafeText.defect("café 😀 日本")).isEmpty();
        assertThat(SafeText.defect("")).isEmpty();
        assertThat(SafeText.defect(null)).isEmpty();
    }

    @Test
    void nulAndUnpairedSurrogatesAreDefects() {
        assertThat(SafeText.defect("a\u0000b")).hasValueSatisfying(r -> assertThat(r).contains("NUL"));
        assertThat(SafeText.defect("x\ud800")).hasValueSatisfying(r -> assertThat(r).contains("surrogate"));
        assertThat(SafeText.defect("\udc00x")).hasValueSatisfying(r -> assertThat(r).contains("surrogate"));
        assertThat(SafeText.defect("\ud800\ud800\udc00")).isPresent();
    }

    @Test
    void theFirstDefectOfATreeIsNamedByItsPointer() throws Exception {
        JsonNode tree = mapper.readTree("{\"text\": \"ok\", \"meta\": {\"tags\": [\"a\", \"b\\u0000\"]}}");
        assertThat(SafeText.firstDefect(tree)).hasValueSatisfying(d -> assertThat(d.pointer()).isEqualTo("/meta/tags/1"));

        JsonNode key = mapper.readTree("{\"a/b\": {\"k\\u0000\": 1}}");
        assertThat(SafeText.firstDefect(key)).hasValueSatisfying(d -> {
            assertThat(d.pointer()).isEqualTo("/a~1b/k\\u0000");
            assertThat(d.reason()).startsWith("field name");
        });

        assertThat(SafeText.firstDefect(mapper.readTree("[1, true, null, {\"x\": [\"fine\"]}]"))).isEmpty();
    }
}
