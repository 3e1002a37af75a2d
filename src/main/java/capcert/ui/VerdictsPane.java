package capcert.ui;

import capcert.check.Verdict;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** The selected handshake's verdicts, worst first: severity, rule, the certificate, reason and remedy. */
final class VerdictsPane extends TableView<Verdict> {

    private final Label placeholder = FieldTable.placeholderLabel("Select a handshake.");
    private Map<String, String> names = Map.of();

    /** @param certificateChosen told the SHA-256 of the certificate a chosen verdict is about */
    VerdictsPane(Consumer<String> certificateChosen) {
        setId("verdicts-table");
        setPlaceholder(placeholder);
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);

        TableColumn<Verdict, Verdict> severity = new TableColumn<>("Verdict");
        severity.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        severity.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(Verdict verdict, boolean empty) {
                super.updateItem(verdict, empty);
                setGraphic(empty || verdict == null ? null : Badges.badge(Optional.of(verdict.severity())));
            }
        });
        severity.setComparator((a, b) -> a.severity().compareTo(b.severity()));
        severity.setPrefWidth(70);
        severity.setMaxWidth(80);

        TableColumn<Verdict, String> rule = new TableColumn<>("Rule");
        rule.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().rule().name()));
        rule.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(String id, boolean empty) {
                super.updateItem(id, empty);
                setText(empty ? null : id);
                setTooltip(empty || getTableRow() == null || getTableRow().getItem() == null ? null
                        : new Tooltip(getTableRow().getItem().rule().title()));
            }
        });
        rule.setPrefWidth(50);
        rule.setMaxWidth(70);

        TableColumn<Verdict, String> about = new TableColumn<>("Certificate");
        about.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                c.getValue().certificate().map(sha -> names.getOrDefault(sha.toLowerCase(Locale.ROOT), sha.substring(0, Math.min(16, sha.length()))))
                        .orElse("handshake")));
        about.setPrefWidth(170);

        TableColumn<Verdict, String> message = new TableColumn<>("Reason");
        message.setCellValueFactory(c -> new ReadOnlyStringWrapper(Labels.safe(c.getValue().message())));
        message.setCellFactory(column -> new FieldTable.WrappingCell<>());
        message.setPrefWidth(480);

        TableColumn<Verdict, String> remedy = new TableColumn<>("Remedy");
        remedy.setCellValueFactory(c -> new ReadOnlyStringWrapper(Labels.safe(c.getValue().remedy())));
        remedy.setCellFactory(column -> new FieldTable.WrappingCell<>());
        remedy.setPrefWidth(480);

        getColumns().setAll(List.of(severity, rule, about, message, remedy));
        getSelectionModel().selectedItemProperty().addListener((obs, old, verdict) -> {
            if (verdict != null) verdict.certificate().ifPresent(certificateChosen);
        });
    }

    void show(HandshakeRow row, List<ChainLayout> chains) {
        getSelectionModel().clearSelection();
        if (row == null) {
            placeholder.setText("Select a handshake.");
            getItems().clear();
            return;
        }
        names = chains.stream().flatMap(c -> c.sent().stream())
                .collect(Collectors.toMap(c -> c.details().sha256(), c -> Labels.safe(c.label()), (a, b) -> a));
        Optional<List<Verdict>> verdicts = row.assessment().verdicts();
        placeholder.setText(verdicts.isPresent() ? "No verdicts for this handshake." : row.assessment().unavailable());
        getItems().setAll(verdicts.orElse(List.of()));
    }
}
