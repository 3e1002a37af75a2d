package capcert.ui;

import javafx.concurrent.Worker;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** A message, and while captures are read, their progress and a cancel button. */
final class StatusBar extends HBox {

    private final Label message = new Label("Ready.");
    private final ProgressBar progress = new ProgressBar();
    private final Button cancel = new Button("Cancel");

    StatusBar(Runnable onCancel) {
        getStyleClass().add("status-bar");
        message.setId("status-message");
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        progress.setId("progress");
        progress.setPrefWidth(220);
        cancel.setId("cancel-button");
        cancel.setOnAction(e -> onCancel.run());
        idle();
        getChildren().addAll(message, progress, cancel);
    }

    /** Follows a running task: its message, its progress (indeterminate until it knows), cancel when {@code cancellable}. */
    void follow(Worker<?> worker, boolean cancellable) {
        message.textProperty().bind(worker.messageProperty());
        progress.progressProperty().bind(worker.progressProperty());
        progress.setVisible(true);
        cancel.setVisible(cancellable);
    }

    void idle() {
        message.textProperty().unbind();
        progress.progressProperty().unbind();
        progress.setVisible(false);
        cancel.setVisible(false);
    }

    void say(String text) {
        idle();
        message.setText(text);
    }
}
