package com.example.csbs.stub;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the contract the stub implements, from the api-spec jar, so tools can fetch it from the stub. */
@Path("/openapi.yaml")
public final class OpenApiDocumentResource {

    /** The spec's location on the classpath (the api-spec jar). */
    public static final String SPEC_RESOURCE = "/csbs/openapi.yaml";

    private static final byte[] SPEC = readSpec();

    @GET
    @Produces("application/yaml")
    public byte[] spec() {
        return SPEC;
    }

    private static byte[] readSpec() {
        try (InputStream in = OpenApiDocumentResource.class.getResourceAsStream(SPEC_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SPEC_RESOURCE + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
