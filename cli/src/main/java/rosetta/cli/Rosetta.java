package rosetta.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import rosetta.cli.commands.AblateCommand;
import rosetta.cli.commands.BenchCommand;
import rosetta.cli.commands.DialectsCommand;
import rosetta.cli.commands.DiffCommand;
import rosetta.cli.commands.DownloadCommand;
import rosetta.cli.commands.ExplainCommand;
import rosetta.cli.commands.TrainCommand;

/** The {@code rosetta} command. */
@Command(name = "rosetta", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "One deep-learning engine; every framework's defaults as a dialect.",
        subcommands = {TrainCommand.class, BenchCommand.class, DialectsCommand.class, ExplainCommand.class, DiffCommand.class,
            AblateCommand.class, DownloadCommand.class})
public final class Rosetta implements Runnable {

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "On an error, also print the stack trace.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Rosetta());
        cli.setExecutionExceptionHandler(new OneLineErrors());
        cli.setParameterExceptionHandler((e, args2) -> {
            System.err.println("rosetta: error: " + e.getMessage() + " (see: rosetta "
                    + e.getCommandLine().getCommandName() + " --help)");
            return 2;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // an Error passes picocli's handler; it is still the user's to act on
            System.err.println("rosetta: error: " + OneLineErrors.message(e));
            return OneLineErrors.FAILED;
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
