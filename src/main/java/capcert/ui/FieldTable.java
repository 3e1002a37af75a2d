package capcert.ui;

import capcert.x509.CertificateFields;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

import java.util.List;
import java.util.stream.Collectors;

/** Name/value pairs with buttons to copy the selected value or everything. */
final class FieldTable extends VBox {

    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    private final TableView<CertificateFields.Field> table = new TableView<>();

    FieldTable(String id, String placeholder) {
        table.setId(id);
        table.setPlaceholder(placeholderLabel(placeholder));
        table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        TableColumn<CertificateFields.Field, String> name = new TableColumn<>("Field");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        name.setPrefWidth(190);
        name.setMaxWidth(260);
        name.setSortable(false);
        TableColumn<CertificateFields.Field, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().value()));
        value.setCellFactory(column -> new WrappingCell<>());
        value.setSortable(false);
        table.getColumns().setAll(List.of(name, value));
        table.setOnKeyPressed(e -> {
            if (COPY.match(e)) {
                copySelected();
                e.consume();
            }
        });

        Button copyValue = new Button("Copy value");
        copyValue.setId(id + "-copy-value");
        copyValue.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        copyValue.setOnAction(e -> copySelected());
        Button copyAll = new Button("Copy all");
        copyAll.setId(id + "-copy-all");
        copyAll.disableProperty().bind(Bindings.isEmpty(table.getItems()));
        copyAll.setOnAction(e -> copy(text()));
        HBox buttons = new HBox(6, copyValue, copyAll);
        buttons.setStyle("-fx-padding: 4 0 0 0;");

        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(table, buttons);
    }

    /** Values come from captures: each line is made safe, the line breaks between values kept. */
    void show(List<CertificateFields.Field> fields) {
        table.getItems().setAll(fields.stream()
                .map(f -> new CertificateFields.Field(f.name(), f.value().lines().map(Labels::safe).collect(Collectors.joining("\n"))))
                .toList());
    }

    TableView<CertificateFields.Field> table() {
        return table;
    }

    /** Every field as {@code name: value}, continuation lines indented, as pasted into a support case. */
    String text() {
        return table.getItems().stream()
                .map(f -> f.name() + ": " + f.value().replace("\n", "\n    "))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private void copySelected() {
        CertificateFields.Field field = table.getSelectionModel().getSelectedItem();
        if (field != null) copy(field.value());
    }

    static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    static Label placeholderLabel(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("placeholder-text");
        return label;
    }

    /** A cell that shows every line of its text, wrapped to the column. */
    static final class WrappingCell<S> extends TableCell<S, String> {
        private final Text text = new Text();

        WrappingCell() {
            // The column's width, not the cell's: a new cell has no width yet, and a row sized then stays too short.
            tableColumnProperty().addListener((obs, old, column) -> {
                text.wrappingWidthProperty().unbind();
                if (column != null) text.wrappingWidthProperty().bind(column.widthProperty().subtract(12));
            });
            text.getStyleClass().add("text");
            text.fillProperty().bind(textFillProperty());
            setPrefHeight(USE_COMPUTED_SIZE);
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
            } else {
                text.setText(item);
                setGraphic(text);
            }
        }
    }
}
