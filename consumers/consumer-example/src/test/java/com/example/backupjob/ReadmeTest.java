package com.example.backupjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's section "Testing your service against the stub" shows this project as it is: its pom's
 * dependencies, NightlyBackupTest and ContractViolationTest word for word, so that what a team copies
 * compiles, resolves and passes.
 */
class ReadmeTest {

    private static String readme;

    @BeforeAll
    static void readReadme() throws IOException {
        readme = Files.readString(Path.of(System.getProperty("csbs.readme")), StandardCharsets.UTF_8);
        assertThat(readme).contains("## Testing your service against the stub");
    }

    @Test
    void showsThePomsDependenciesAsTheyAre() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        String dependencies = pom.substring(pom.indexOf("  <dependencyManagement>"), pom.indexOf("  <build>"));

        assertThat(dependencies).contains("<artifactId>csbs-bom</artifactId>", "<artifactId>csbs-client</artifactId>",
                "<artifactId>csbs-server-stub</artifactId>");
        assertThat(readme).contains("```xml\n" + dependencies + "```\n");
    }

    @Test
    void showsNightlyBackupTestAsItIs() throws IOException {
        assertThat(readme).contains("```java\n" + source("NightlyBackupTest") + "```\n");
    }

    @Test
    void showsContractViolationTestAsItIs() throws IOException {
        assertThat(readme).contains("```java\n" + source("ContractViolationTest") + "```\n");
    }

    private static String source(String testClass) throws IOException {
        return Files.readString(Path.of("src/test/java/com/example/backupjob/" + testClass + ".java"),
                StandardCharsets.UTF_8);
    }
}
