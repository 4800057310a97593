package com.example.backupjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's test class is this module's NightlyBackupTest, word for word, so that it compiles and passes. */
class ReadmeTest {

    @Test
    void readmeShowsNightlyBackupTestAsItIs() throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("csbs.readme")), StandardCharsets.UTF_8);
        String testClass = Files.readString(Path.of("src/test/java/com/example/backupjob/NightlyBackupTest.java"),
                StandardCharsets.UTF_8);

        assertThat(readme).as("README.md, section \"Testing your service against the stub\"")
                .contains("## Testing your service against the stub")
                .contains("```java\n" + testClass + "```\n");
    }
}
