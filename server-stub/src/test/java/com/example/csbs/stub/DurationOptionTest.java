package com.example.csbs.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** --backup-duration and --delete-duration as people write them. */
class DurationOptionTest {

    private final StubServer.DurationConverter converter = new StubServer.DurationConverter();

    @ParameterizedTest(name = "''{0}''")
    @CsvSource({"0, PT0S", "500ms, PT0.5S", "3s, PT3S", "2m, PT2M", "1h, PT1H", "PT3S, PT3S", "' 3s ', PT3S"})
    void reads(String written, String expected) {
        assertThat(converter.convert(written)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"3", "-1s", "3 s", "three", "", "1d"})
    void refusesWithAMessageNamingTheForms(String written) {
        assertThatThrownBy(() -> converter.convert(written))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining(written.isBlank() ? "is not a duration" : "'" + written + "'");
    }
}
