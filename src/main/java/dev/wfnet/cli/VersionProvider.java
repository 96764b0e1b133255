package dev.wfnet.cli;

import picocli.CommandLine;

/** The version from the jar manifest, or "development" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"wfnet " + (version == null ? "development" : version)};
    }
}
