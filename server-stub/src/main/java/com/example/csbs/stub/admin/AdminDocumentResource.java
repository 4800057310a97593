package com.example.csbs.stub.admin;

import com.example.csbs.stub.admin.api.DocumentApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The admin API's own document (tag {@code document}), from the api-spec jar, as the CSBS spec is served at /openapi.yaml. */
public class AdminDocumentResource implements DocumentApi {

    /** The admin API's document on the classpath (the api-spec jar). */
    public static final String ADMIN_SPEC_RESOURCE = "/csbs/admin-openapi.yaml";

    @Override
    public String getAdminSpec() {
        return Text.VALUE;
    }

    // Read on first request, not at start-up.
    private static final class Text {
        static final String VALUE = read();

        private static String read() {
            try (InputStream in = AdminDocumentResource.class.getResourceAsStream(ADMIN_SPEC_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(ADMIN_SPEC_RESOURCE + " is not on the classpath (the api-spec jar)");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
