package com.example.csbs.stub.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the contract the stub implements, from the api-spec jar: the spec at GET /openapi.yaml,
 * so tools can fetch it from the stub, and its HTML reference (self-contained) at GET /docs.
 */
@Path("/")
public final class ContractDocumentsResource {

    /** The spec's location on the classpath (the api-spec jar). */
    public static final String SPEC_RESOURCE = "/csbs/openapi.yaml";
    /** The HTML reference's location on the classpath (rendered by the api-spec build). */
    public static final String DOCS_RESOURCE = "/csbs/docs/index.html";

    @GET
    @Path("openapi.yaml")
    @Produces("application/yaml")
    public byte[] spec() {
        return Spec.BYTES;
    }

    @GET
    @Path("docs")
    @Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
    public byte[] docs() {
        return Docs.BYTES;
    }

    // Read on first request (holder classes), not at start-up: the page is over a megabyte.
    private static final class Spec {
        static final byte[] BYTES = read(SPEC_RESOURCE);
    }

    private static final class Docs {
        static final byte[] BYTES = read(DOCS_RESOURCE);
    }

    private static byte[] read(String resource) {
        try (InputStream in = ContractDocumentsResource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath (the api-spec jar)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
