package dev.wfnet.architecturefixture.upper;

import dev.wfnet.architecturefixture.lower.Lower;

/** Half of a package cycle the architecture rules must find (see ArchitectureRulesTest). */
public final class Upper {
    public Lower lower() {
        return new Lower();
    }
}
