package rosetta.cli.commands;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import rosetta.datasets.download.DataLocator;
import rosetta.datasets.download.Downloader;
import rosetta.datasets.download.KnownSource;

@Command(name = "download", description = {"Fetch a data set from its official address and verify its checksum:",
    "cifar10 (the binary version) or imdb. The only command that uses the network."})
public final class DownloadCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "cifar10 or imdb")
    String name;

    @Option(names = "--data", description = "Data directory (default: $ROSETTA_DATA, then ~/.rosetta/data).")
    Path data;

    @Override
    public Integer call() {
        KnownSource source = KnownSource.named(name);
        DataLocator locator = DataLocator.fromSystem(data);
        System.out.println("downloading " + source.uri() + " to " + locator.root());
        long[] lastReported = {0};
        Path file = new Downloader().fetch(source, locator.root(), (done, total) -> {
            if (done - lastReported[0] >= (8 << 20) || done == total) {
                lastReported[0] = done;
                System.err.printf("\r%d of %d MiB", done >> 20, Math.max(0, total) >> 20);
            }
        });
        System.err.println();
        System.out.println("verified MD5 " + source.md5() + ": " + file);
        return 0;
    }
}
