package rosetta.cli.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rows of text rendered as an aligned Markdown table or as CSV. */
public final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... header) {
        this.header = List.of(header);
    }

    public Table add(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + header.size());
        }
        rows.add(Arrays.stream(cells).map(String::valueOf).toList());
        return this;
    }

    public int size() {
        return rows.size();
    }

    /** A Markdown table whose columns line up in a terminal too. */
    public String markdown() {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = Math.max(3, header.get(c).length());
            for (List<String> r : rows) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, width);
        List<String> rule = new ArrayList<>();
        for (int w : width) {
            rule.add("-".repeat(w));
        }
        line(out, rule, width);
        for (List<String> r : rows) {
            line(out, r, width);
        }
        return out.toString();
    }

    public String csv() {
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", header.stream().map(Table::quote).toList())).append('\n');
        for (List<String> r : rows) {
            out.append(String.join(",", r.stream().map(Table::quote).toList())).append('\n');
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] width) {
        out.append('|');
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            out.append(' ').append(cell).append(" ".repeat(width[c] - cell.length())).append(" |");
        }
        out.append('\n');
    }

    private static String quote(String cell) {
        return cell.contains(",") || cell.contains("\"") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }
}
