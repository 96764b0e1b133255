package dev.wfnet.architecturefixture.lower;

import dev.wfnet.architecturefixture.upper.Upper;

/** The other half of the package cycle: the lower package uses the upper one. */
public final class Lower {
    public Upper upper() {
        return new Upper();
    }
}
