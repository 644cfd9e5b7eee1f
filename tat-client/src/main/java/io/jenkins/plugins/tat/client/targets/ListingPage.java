package io.jenkins.plugins.tat.client.targets;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param totalCount how many items match in all, as the product says
 * @param items this page's items
 * @param requestId the RequestId
 * @param <T> the item
 */
public record ListingPage<T>(long totalCount, List<T> items, String requestId) {

    /** Copies the items. */
    public ListingPage {
        items = List.copyOf(items);
    }
}
