package rosetta.cli.commands;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import rosetta.cli.report.Table;
import rosetta.models.dialect.Dialect;

@Command(name = "dialects", description = "List the built-in dialects.")
public final class DialectsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Table table = new Table("dialect", "framework", "models", "what it reproduces");
        for (String name : Dialect.builtInNames()) {
            Dialect d = Dialect.builtIn(name);
            table.add(name, d.framework(), String.join(" ", d.models()), d.summary());
        }
        System.out.print(table.markdown());
        return 0;
    }
}
