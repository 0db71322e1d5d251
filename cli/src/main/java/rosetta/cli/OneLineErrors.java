package rosetta.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Every failure a user can cause (missing data, an unknown dialect, a shape mismatch, a diverging loss,
 * no GPU, out of memory) ends as one line on standard error that says what is wrong and what to do, and
 * exit code 1. {@code --verbose} adds the stack trace for bug reports.
 */
final class OneLineErrors implements IExecutionExceptionHandler {
    static final int FAILED = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        System.err.println("rosetta: error: " + message(e));
        if (parsed.hasMatchedOption("--verbose") || isVerbose(parsed)) {
            e.printStackTrace(System.err);
        }
        return FAILED;
    }

    private static boolean isVerbose(ParseResult parsed) {
        for (ParseResult sub = parsed; sub != null; sub = sub.subcommand()) {
            if (sub.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    static String message(Throwable e) {
        Throwable root = e;
        while (root.getMessage() == null && root.getCause() != null) {
            root = root.getCause();
        }
        if (root instanceof OutOfMemoryError) {
            return "out of memory (" + root.getMessage() + "): use a smaller --batch-size, or give Java more"
                    + " memory with java -Xmx...";
        }
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return msg.lines().findFirst().orElse(msg);
    }
}
