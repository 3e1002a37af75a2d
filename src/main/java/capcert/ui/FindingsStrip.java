package capcert.ui;

import capcert.check.Severity;
import capcert.check.Verdict;
import capcert.tls.Alert;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the open captures' verdicts come to, on one line above the table: "2 FAIL · 3 WARN —" then
 * a link per handshake with a problem, worst first ("FAIL TV2 unknown_ca 10.99.0.2 → 10.99.0.1:7001"),
 * each selecting its handshake in one click; past {@value #MAX_LINKS}, a link that shows them all.
 */
final class FindingsStrip extends FlowPane {

    static final int MAX_LINKS = 6;

    private final Consumer<HandshakeRow> reveal;
    private final Runnable showAllProblems;
    private final Label summary = new Label();

    FindingsStrip(Consumer<HandshakeRow> reveal, Runnable showAllProblems) {
        super(8, 2);
        this.reveal = reveal;
        this.showAllProblems = showAllProblems;
        setId("findings-strip");
        getStyleClass().add("findings-strip");
        summary.setId("findings-summary");
        getChildren().add(summary);
        show(List.of());
    }

    void show(List<HandshakeRow> rows) {
        List<HandshakeRow> problems = new ArrayList<>(rows.stream()
                .filter(r -> r.worst().filter(s -> s.compareTo(Severity.WARN) >= 0).isPresent()).toList());
        problems.sort(Comparator.comparing((HandshakeRow r) -> r.worst().orElseThrow()).reversed());
        long fails = problems.stream().filter(r -> r.worst().orElseThrow() == Severity.FAIL).count();
        List<javafx.scene.Node> children = new ArrayList<>();
        children.add(summary);
        if (rows.isEmpty()) {
            summary.setText("");
        } else if (problems.isEmpty()) {
            summary.setText("No FAIL or WARN in " + rows.size() + " handshake" + (rows.size() == 1 ? "" : "s"));
        } else {
            summary.setText(fails + " FAIL · " + (problems.size() - fails) + " WARN —");
            for (HandshakeRow row : problems.subList(0, Math.min(MAX_LINKS, problems.size()))) children.add(link(row));
            if (problems.size() > MAX_LINKS) {
                Hyperlink more = new Hyperlink("… all " + problems.size());
                more.setId("findings-more");
                more.setOnAction(e -> showAllProblems.run());
                children.add(more);
            }
        }
        getChildren().setAll(children);
    }

    private Hyperlink link(HandshakeRow row) {
        Severity worst = row.worst().orElseThrow();
        Optional<Verdict> first = row.assessment().verdicts().orElse(List.of()).stream()
                .filter(v -> v.severity() == worst).findFirst();
        String alert = row.handshake().alerts().stream().map(Alert::descriptionName).findFirst().map(a -> a + " ").orElse("");
        Hyperlink link = new Hyperlink(worst.name() + " " + first.map(v -> v.rule().name() + " ").orElse("") + Labels.safe(alert)
                + "from " + Labels.host(row.handshake().client()) + " → " + row.handshake().server());
        link.getStyleClass().add("finding-" + worst.name().toLowerCase(java.util.Locale.ROOT));
        first.ifPresent(v -> link.setTooltip(new Tooltip(Labels.safe(v.message()))));
        link.setOnAction(e -> reveal.accept(row));
        return link;
    }
}
