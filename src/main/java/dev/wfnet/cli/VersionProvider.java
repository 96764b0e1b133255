package dev.wfnet.cli;

import dev.wfnet.io.WorkbenchVersion;
import picocli.CommandLine;

/** {@code wfnet --version}: the pom's version, the one every model, bank and report records. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"wfnet " + WorkbenchVersion.current()};
    }
}
