package capcert.ui;

import capcert.check.Severity;
import javafx.scene.control.Label;

import java.util.Locale;
import java.util.Optional;

/** The coloured severity labels of the table, the tree and the verdicts panel (colours in viewer.css). */
final class Badges {

    /** Shown where there is no verdict to rank: not checked, or the checker could not run. */
    static final String NONE = "n/a";

    private Badges() {
    }

    static Label badge(Optional<Severity> severity) {
        Label label = new Label();
        update(label, severity);
        return label;
    }

    static void update(Label label, Optional<Severity> severity) {
        label.setText(severity.map(Severity::name).orElse(NONE));
        label.getStyleClass().setAll("badge", "badge-" + severity.map(s -> s.name().toLowerCase(Locale.ROOT)).orElse("none"));
    }
}
