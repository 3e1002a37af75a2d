package capcert.report;

import java.util.ArrayList;
import java.util.List;

/** Prose wrapped to a width with a hanging indent, for text read on a terminal, in a ticket or an e-mail. */
public final class TextWrap {

    private TextWrap() {
    }

    /**
     * {@code text} as lines of at most {@code width} columns, the first starting at column {@code lead}
     * (after what the caller prints before it), the others with {@code hanging} before them. Words are
     * never cut: one longer than a line gets a line of its own.
     */
    public static List<String> lines(String text, int lead, String hanging, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int column = lead;
        boolean empty = true;
        for (String word : text.split(" ")) {
            if (!empty && column + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
                line.append(hanging);
                column = hanging.length();
                empty = true;
            }
            if (!empty) {
                line.append(' ');
                column++;
            }
            line.append(word);
            column += word.length();
            empty = false;
        }
        lines.add(line.toString());
        return lines;
    }
}
