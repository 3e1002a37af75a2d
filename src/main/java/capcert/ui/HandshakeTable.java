package capcert.ui;

import capcert.check.Severity;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Every handshake of the open captures, filterable by text and by worst verdict. */
final class HandshakeTable extends VBox {

    private final ObservableList<HandshakeRow> rows = FXCollections.observableArrayList();
    private final FilteredList<HandshakeRow> filtered = new FilteredList<>(rows);
    private final TableView<HandshakeRow> table = new TableView<>();
    private final TextField filter = new TextField();
    private final ComboBox<VerdictFilter> verdictFilter = new ComboBox<>(FXCollections.observableArrayList(VerdictFilter.values()));
    private final Label count = new Label();

    HandshakeTable() {
        setSpacing(4);
        filter.setId("filter-field");
        filter.setPromptText("Filter: address, port, SNI, subject, alert…");
        filter.setTooltip(new Tooltip("Every word must match (Ctrl+F to come here, Esc to clear)"));
        filter.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) filter.clear();
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.DOWN) {
                table.requestFocus();
                if (table.getSelectionModel().isEmpty()) table.getSelectionModel().selectFirst();
            }
        });
        verdictFilter.setId("verdict-filter");
        verdictFilter.getSelectionModel().select(VerdictFilter.ANY);
        verdictFilter.setTooltip(new Tooltip("Show handshakes by their worst verdict"));
        filter.textProperty().addListener((obs, old, text) -> refilter());
        verdictFilter.valueProperty().addListener((obs, old, value) -> refilter());
        HBox.setHgrow(filter, Priority.ALWAYS);
        count.setId("handshake-count");
        HBox filters = new HBox(6, filter, verdictFilter);

        table.setId("handshake-table");
        table.setPlaceholder(FieldTable.placeholderLabel(
                "Open a capture: File ▸ Open (Ctrl+O), drop files here, or give them on the command line."));
        table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(columns());
        SortedList<HandshakeRow> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(filters, table, count);
        updateCount();
    }

    /** Replaces the rows, keeping the selected handshake selected when it is still there, else the first. */
    void setRows(List<HandshakeRow> newRows) {
        if (addsToShown(newRows)) {
            // Rows arriving as a large capture is checked: adding leaves the selection, and the
            // panes that show it, alone; replacing would rebuild them at every step.
            rows.addAll(newRows.subList(rows.size(), newRows.size()));
            if (table.getSelectionModel().isEmpty() && !table.getItems().isEmpty()) table.getSelectionModel().selectFirst();
            updateCount();
            return;
        }
        HandshakeRow selected = table.getSelectionModel().getSelectedItem();
        rows.setAll(newRows);
        Optional<HandshakeRow> same = selected == null ? Optional.empty()
                : table.getItems().stream().filter(r -> r.handshake() == selected.handshake()).findFirst();
        if (same.isPresent()) table.getSelectionModel().select(same.get());
        else if (table.getSelectionModel().isEmpty() && !table.getItems().isEmpty()) table.getSelectionModel().selectFirst();
        updateCount();
    }

    /** Whether {@code newRows} starts with the very rows shown now, and has more. */
    private boolean addsToShown(List<HandshakeRow> newRows) {
        if (rows.isEmpty() || newRows.size() <= rows.size()) return false;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i) != newRows.get(i)) return false;
        }
        return true;
    }

    /** Every row, filtered out or not. */
    List<HandshakeRow> allRows() {
        return List.copyOf(rows);
    }

    TableView<HandshakeRow> table() {
        return table;
    }

    TextField filterField() {
        return filter;
    }

    ReadOnlyObjectProperty<HandshakeRow> selectedRowProperty() {
        return table.getSelectionModel().selectedItemProperty();
    }

    private void refilter() {
        String text = filter.getText() == null ? "" : filter.getText();
        VerdictFilter verdicts = Optional.ofNullable(verdictFilter.getValue()).orElse(VerdictFilter.ANY);
        filtered.setPredicate(row -> verdicts.matches(row.worst()) && row.matches(text));
        updateCount();
    }

    private void updateCount() {
        count.setText(filtered.size() == rows.size()
                ? rows.size() + " handshake" + (rows.size() == 1 ? "" : "s")
                : filtered.size() + " of " + rows.size() + " handshakes");
    }

    private static List<TableColumn<HandshakeRow, ?>> columns() {
        TableColumn<HandshakeRow, Optional<Severity>> verdict = new TableColumn<>("Verdict");
        verdict.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().worst()));
        verdict.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(Optional<Severity> worst, boolean empty) {
                super.updateItem(worst, empty);
                setGraphic(empty || worst == null ? null : Badges.badge(worst));
            }
        });
        // Worst first when sorted descending; unchecked sorts below PASS.
        verdict.setComparator(Comparator.comparing(s -> s.map(Severity::ordinal).orElse(-1)));
        verdict.setPrefWidth(66);
        verdict.setMinWidth(66);

        TableColumn<HandshakeRow, String> endpoints = new TableColumn<>("Client → server");
        endpoints.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().endpoints()));
        endpoints.setPrefWidth(160);
        endpoints.setMinWidth(150);

        TableColumn<HandshakeRow, Number> port = new TableColumn<>("Port");
        port.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().port()));
        port.setPrefWidth(48);
        port.setMinWidth(46);
        port.setStyle("-fx-alignment: center-right;");

        TableColumn<HandshakeRow, String> sni = new TableColumn<>("SNI");
        sni.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().handshake().sni().map(Labels::safe).orElse("")));
        sni.setPrefWidth(140);
        sni.setMinWidth(90);

        TableColumn<HandshakeRow, String> version = new TableColumn<>("Version");
        version.setCellValueFactory(c -> new ReadOnlyStringWrapper(HandshakeRow.version(c.getValue().handshake())));
        version.setPrefWidth(68);
        version.setMinWidth(64);

        TableColumn<HandshakeRow, Number> certificates = new TableColumn<>("Certs");
        certificates.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().handshake().certificates().size()));
        certificates.setPrefWidth(48);
        certificates.setMinWidth(46);
        certificates.setStyle("-fx-alignment: center-right;");

        TableColumn<HandshakeRow, String> capture = new TableColumn<>("Capture");
        capture.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                Labels.safe(String.valueOf(c.getValue().capture().file().getFileName())) + " #" + c.getValue().handshake().firstFrame()));
        capture.setPrefWidth(130);
        capture.setMinWidth(60);

        return List.of(verdict, endpoints, port, sni, version, certificates, capture);
    }
}
