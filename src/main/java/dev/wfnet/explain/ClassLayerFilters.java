package dev.wfnet.explain;

import java.util.List;

/**
 * The filters one class switches off most in one layer, best first.
 *
 * @param row the bank row (the class it forgets is in {@link BankRows})
 * @param layer the filtered tensor's name
 * @param filters at most k filters, possibly fewer (only filters the class touches are listed)
 */
public record ClassLayerFilters(int row, String layer, List<FilterEntry> filters) {

    public ClassLayerFilters {
        filters = List.copyOf(filters);
    }

    public int[] filterIndices() {
        return filters.stream().mapToInt(FilterEntry::filter).toArray();
    }
}
