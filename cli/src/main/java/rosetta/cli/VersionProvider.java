package rosetta.cli;

import picocli.CommandLine.IVersionProvider;
import rosetta.models.results.Machine;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"rosetta " + Machine.versions().getOrDefault("rosetta", "unknown")};
    }
}
