package io.labelstream.platform.outbox;

import io.agroal.api.AgroalDataSource;
import io.labelstream.platform.PlatformTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Array literals read back by the real server, element for element. */
@QuarkusTest
class ArrayLiteralTest extends PlatformTestResource {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void textElementsArriveExactlyAsWritten() throws SQLException {
        List<String> texts = Arrays.asList("plain", "", "NULL", null, "with \"quotes\"", "back\\slash\\",
                "{braces},commas", "  spaced  ", "caf\u00e9 \u2603", "line\nbreak\ttab", "\\\"", "'single'");

        assertThat(readBack(ArrayLiteral.of(texts), "text")).isEqualTo(texts);
    }

    @Test
    void uuidsNumbersAndBooleansArriveAsTheirValues() throws SQLException {
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID());
        assertThat(readBack(ArrayLiteral.of(ids), "uuid")).isEqualTo(ids.stream().map(UUID::toString).toList());
        assertThat(readBack(ArrayLiteral.of(Arrays.asList(3, null, -7)), "int4")).isEqualTo(Arrays.asList("3", null, "-7"));
        assertThat(readBack(ArrayLiteral.of(List.of(true, false)), "bool")).isEqualTo(List.of("true", "false"));
        assertThat(readBack(ArrayLiteral.of(List.of()), "text")).isEmpty();
    }

    private List<String> readBack(String literal, String type) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select v::text from unnest(?::" + type + "[]) with ordinality as t(v, n) order by n")) {
            select.setString(1, literal);
            List<String> values = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    values.add(result.getString(1));
                }
            }
            return values;
        }
    }
}
