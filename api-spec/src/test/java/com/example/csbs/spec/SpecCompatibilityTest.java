package com.example.csbs.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The build's breaking-change gate: the spec keeps every client of the last released spec working. */
class SpecCompatibilityTest {

    @Test
    void keepsClientsOfTheReleasedBaselineWorking() throws IOException {
        String baseline = System.getProperty("csbs.spec.baseline");
        String spec = System.getProperty("csbs.spec.file");
        Path report = Path.of(System.getProperty("csbs.compatibility.report"));

        CompatibilityGate.Verdict verdict = CompatibilityGate.compare(baseline, spec);

        Files.createDirectories(report.getParent());
        Files.writeString(report, verdict.report());
        assertThat(verdict.breaking())
                .as("The spec breaks clients of the released baseline %s. Report (also in %s):%n%s",
                        baseline, report, verdict.report())
                .isFalse();
    }
}
