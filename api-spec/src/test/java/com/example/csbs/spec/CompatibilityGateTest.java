package com.example.csbs.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The gate bites: each fixture under gate-fixtures/ is base.yaml with the one change its first line names. */
class CompatibilityGateTest {

    @ParameterizedTest(name = "{0} is breaking")
    @CsvSource(delimiter = '|', textBlock = """
            remove-response-field          | Deleted property `project_id`
            require-optional-request-field | New required properties:
            require-optional-request-field | - `auto_trigger`
            rename-operation               | Changed: `executeBackupPolicy` to `runBackupPolicy`
            drop-enum-value                | POST /v1/{project_id}/providers/{provider_id}/checkpoints (response): [error]
            """)
    void reportsTheChangeAsBreaking(String fixture, String evidence) {
        CompatibilityGate.Verdict verdict = CompatibilityGate.compare(fixture("base"), fixture(fixture));

        assertThat(verdict.breaking()).as(verdict.report()).isTrue();
        assertThat(verdict.report()).contains(evidence).contains("BREAKING");
    }

    @Test
    void letsAnOptionalRequestFieldBeAdded() {
        CompatibilityGate.Verdict verdict =
                CompatibilityGate.compare(fixture("base"), fixture("add-optional-request-field"));

        assertThat(verdict.breaking()).as(verdict.report()).isFalse();
        assertThat(verdict.report()).contains("Added property `description`").contains("Compatible");
    }

    @Test
    void acceptsFailCodeCodeAsANumberOrAStringOfDigits() {
        CompatibilityGate.Verdict verdict =
                CompatibilityGate.compare(fixture("fail-code-base"), fixture("fail-code-widened"));

        assertThat(verdict.breaking()).as(verdict.report()).isFalse();
        assertThat(verdict.report()).contains("Accepted widenings").contains("`fail_code.Code`").contains("Compatible");
    }

    @ParameterizedTest(name = "{0} is breaking")
    @CsvSource(delimiter = '|', textBlock = """
            fail-code-to-string         | Changed property `Code`
            fail-code-widened-and-more  | Changed property `Description`
            """)
    void acceptsNoOtherTypeChange(String fixture, String evidence) {
        CompatibilityGate.Verdict verdict = CompatibilityGate.compare(fixture("fail-code-base"), fixture(fixture));

        assertThat(verdict.breaking()).as(verdict.report()).isTrue();
        assertThat(verdict.report()).contains(evidence).contains("BREAKING");
    }

    @Test
    void findsNothingBetweenASpecAndItself() {
        CompatibilityGate.Verdict verdict = CompatibilityGate.compare(fixture("base"), fixture("base"));

        assertThat(verdict.breaking()).isFalse();
        assertThat(verdict.report()).contains("No differences");
    }

    private static String fixture(String name) {
        URL resource = CompatibilityGateTest.class.getResource("/gate-fixtures/" + name + ".yaml");
        assertThat(resource).as("gate fixture " + name).isNotNull();
        try {
            return Path.of(resource.toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
