package com.example.csbs.bench;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A consumer's first test with WireMock, as its JUnit 5 docs write one: {@code WireMockExtension} on a
 * dynamic port for the class. It registers the documented POST's mapping (the file run.sh's WireMock
 * serves, {@code bench/wiremock/mappings/execute-backup-policy.json}), sends that POST and expects 200.
 * Run by {@link ConsumerStartBenchmark}.
 */
public class FirstWireMockTest {

    @RegisterExtension
    static WireMockExtension wireMock = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @Test
    void documentedPost() throws Exception {
        wireMock.addStubMapping(StubMapping.buildFrom(
                DocumentedPost.resource("bench/wiremock/mappings/execute-backup-policy.json")));
        int status = DocumentedPost.send(wireMock.baseUrl());
        if (status != 200) {
            throw new AssertionError("WireMock answered the documented POST " + status);
        }
    }
}
