package com.example.csbs.stub;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the spec's HTML reference (rendered by the api-spec build, self-contained) at GET /docs. */
@Path("/docs")
public final class ApiDocsResource {

    /** The page's location on the classpath (the api-spec jar). */
    public static final String DOCS_RESOURCE = "/csbs/docs/index.html";

    private static final byte[] PAGE = readPage();

    @GET
    @Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
    public byte[] page() {
        return PAGE;
    }

    private static byte[] readPage() {
        try (InputStream in = ApiDocsResource.class.getResourceAsStream(DOCS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DOCS_RESOURCE + " is not on the classpath (the api-spec build renders it)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
