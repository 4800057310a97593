package com.example.csbs.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The house rules of .spectral.yaml bite: a spec that breaks each of them once is reported for each. */
class SpectralHouseRulesTest {

    @Test
    void reportsEachHouseRule() throws IOException, InterruptedException {
        Process spectral = new ProcessBuilder(
                System.getProperty("csbs.spectral"), "lint", "--format=json", "--quiet",
                "--ruleset=" + System.getProperty("csbs.spectral.ruleset"),
                fixture("house-rule-violations.yaml"))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String output = new String(spectral.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(spectral.waitFor(60, TimeUnit.SECONDS)).as("spectral finished").isTrue();

        Set<String> reported = new HashSet<>();
        for (JsonNode problem : new ObjectMapper().readTree(output)) {
            reported.add(problem.path("code").asText() + " at " + pathOf(problem));
        }
        assertThat(reported).contains(
                "csbs-property-description at components.schemas.thing.properties.size",
                "csbs-parameter-description at paths./things/{thing_id}.post.parameters.0",
                "csbs-request-example at paths./things/{thing_id}.post.requestBody.content.application/json",
                "csbs-response-example at paths./things/{thing_id}.post.responses.200.content.application/json",
                "csbs-snake-case-properties at components.schemas.thing.properties.thingName");
        assertThat(spectral.exitValue()).as("spectral's exit status on errors").isNotZero();
    }

    private static String pathOf(JsonNode problem) {
        List<String> segments = new ArrayList<>();
        problem.path("path").forEach(segment -> segments.add(segment.asText()));
        return String.join(".", segments);
    }

    private static String fixture(String name) {
        URL resource = SpectralHouseRulesTest.class.getResource("/lint-fixtures/" + name);
        assertThat(resource).as("lint fixture " + name).isNotNull();
        try {
            return Path.of(resource.toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
