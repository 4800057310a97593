package com.example.csbs.stub.query;

import com.example.csbs.stub.model.PageLink;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;

/**
 * The {@code policies_links} / {@code checkpoint_items_links} of a listing, as the real service sends them:
 * one link with {@code rel: next} when a next page exists, none on the last page. The Go SDK's pagers follow
 * it, so a caller paging with them gets every page. The next page is this request with {@code marker} the
 * last item of this page and no {@code offset} (the marker already skips it).
 */
public final class NextPageLink {

    public static final String NEXT = "next";

    private NextPageLink() {
    }

    /** {@code null} (the field left out) on the last page. */
    public static List<PageLink> of(UriInfo request, Page.Slice<?> page, UUID lastId) {
        if (!page.more() || page.items().isEmpty() || request == null) {
            return null;
        }
        String href = request.getRequestUriBuilder()
                .replaceQueryParam("marker", lastId.toString())
                .replaceQueryParam("offset")
                .build()
                .toString();
        return List.of(new PageLink().href(href).rel(NEXT));
    }
}
