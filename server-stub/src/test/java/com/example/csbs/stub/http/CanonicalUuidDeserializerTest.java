package com.example.csbs.stub.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written check of the 8-4-4-4-12 form, at its edges. */
class CanonicalUuidDeserializerTest {

    @ParameterizedTest
    @ValueSource(strings = {"fc4d5750-22e7-4798-8a46-f48f62c4c1da", "FC4D5750-22E7-4798-8A46-F48F62C4C1DA",
            "00000000-0000-0000-0000-000000000000", "abcdefAB-CDEF-0123-4567-89abcdef0123"})
    void takesTheCanonicalForm(String text) {
        assertTrue(CanonicalUuidDeserializer.isCanonical(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fc4d5750-22e7-4798-8a46-f48f62c4c1d", "fc4d5750-22e7-4798-8a46-f48f62c4c1daa",
            "fc4d575022e747988a46f48f62c4c1da", "fc4d5750-22e7-4798-8a46f-48f62c4c1da", "fc4d5750-22e7-4798-8a46-f48f62c4c1dg",
            "fc4d5750-22e7-4798-8a46-f48f62c4c1d\uff10", "fc4d5750_22e7-4798-8a46-f48f62c4c1da", "-c4d5750-22e7-4798-8a46-f48f62c4c1da",
            "/E1XUCLnR5iKRvSPYsTB2g==", "{fc4d5750-22e7-4798-8a46-f48f62c4c1d}"})
    void refusesAnythingElse(String text) {
        assertFalse(CanonicalUuidDeserializer.isCanonical(text));
    }
}
