package rosetta.cli.commands;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import rosetta.cli.report.Table;
import rosetta.models.dialect.Dialect;
import rosetta.models.dialect.Knob;

@Command(name = "diff", description = "The knobs in which two dialects differ, with both sides' reasons.")
public final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "First dialect.")
    String first;

    @Parameters(index = "1", description = "Second dialect.")
    String second;

    @Override
    public Integer call() {
        Dialect a = Dialect.builtIn(first);
        Dialect b = Dialect.builtIn(second);
        Table table = new Table("knob", first, second, "why (" + first + ")", "why (" + second + ")");
        for (Knob k : a.differences(b)) {
            table.add(k.key(), a.value(k), b.value(k), a.setting(k).why(), b.setting(k).why());
        }
        System.out.println(first + " and " + second + " differ in " + table.size() + " knobs:");
        System.out.print(table.markdown());
        return 0;
    }
}
