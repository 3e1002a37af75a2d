package capcert.ui;

import capcert.check.Profile;
import javafx.geometry.Pos;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * What the verdicts are checked against, set in the window: trust lists (together one set of trusted CAs),
 * expected names and the profile. Every change goes to {@code change}, which re-checks at once.
 */
final class CheckSettingsBar extends HBox {

    private final MenuButton trust = new MenuButton();
    private final TextField names = new TextField();
    private final ChoiceBox<Profile> profile = new ChoiceBox<>();
    private final Runnable addTrustFiles;
    private final Consumer<UnaryOperator<ViewerSettings>> change;
    private List<Path> trustFiles = List.of();
    private boolean updating;

    /**
     * @param addTrustFiles asks the user for trust-list files and adds them
     * @param change        applies an edit to the settings
     */
    CheckSettingsBar(Runnable addTrustFiles, Consumer<UnaryOperator<ViewerSettings>> change) {
        this.addTrustFiles = addTrustFiles;
        this.change = change;
        getStyleClass().add("settings-bar");
        setAlignment(Pos.CENTER_LEFT);
        setStyle("-fx-padding: 4 8 4 8;");

        trust.setId("trust-button");
        names.setId("expected-names");
        names.setPromptText("e.g. collab-edge.example.com, expressway-e.example.com");
        names.setTooltip(new Tooltip("Names every server certificate must carry; Enter applies"));
        names.setOnAction(e -> commitNames());
        names.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) commitNames();
        });
        HBox.setHgrow(names, Priority.ALWAYS);

        profile.setId("profile-choice");
        profile.getItems().setAll(Profile.values());
        profile.setConverter(new StringConverter<>() {
            @Override
            public String toString(Profile p) {
                if (p == null) return "";
                return switch (p) {
                    case GENERIC -> "Generic TLS";
                    case WEB -> "Web PKI (CA/B Forum)";
                    case EXPRESSWAY -> "Expressway / MRA";
                };
            }

            @Override
            public Profile fromString(String text) {
                return Arrays.stream(Profile.values()).filter(p -> toString(p).equals(text)).findFirst().orElse(null);
            }
        });
        profile.setTooltip(new Tooltip("Web PKI adds the CA/Browser Forum's rules for server certificates;"
                + " Expressway / MRA also requires both EKUs and no wildcards"));
        profile.valueProperty().addListener((obs, old, value) -> {
            if (!updating && value != null) change.accept(s -> s.withProfile(value));
        });

        Label trustLabel = new Label("_Trust lists:");
        trustLabel.setMnemonicParsing(true);
        trustLabel.setLabelFor(trust);
        Label namesLabel = new Label("Expected _names:");
        namesLabel.setMnemonicParsing(true);
        namesLabel.setLabelFor(names);
        Label profileLabel = new Label("Pro_file:");
        profileLabel.setMnemonicParsing(true);
        profileLabel.setLabelFor(profile);
        getChildren().addAll(trustLabel, trust, namesLabel, names, profileLabel, profile);
    }

    /** Shows the settings without treating it as an edit. */
    void show(ViewerSettings settings) {
        updating = true;
        try {
            trustFiles = settings.trustFiles();
            trust.setText(trustFiles.isEmpty() ? "none" : trustFiles.size() == 1
                    ? trustFiles.get(0).getFileName().toString() : trustFiles.size() + " files");
            trust.setTooltip(new Tooltip(trustFiles.isEmpty() ? "No trust list: trust is not checked"
                    : String.join("\n", trustFiles.stream().map(Path::toString).toList())));
            trust.getItems().setAll(trustMenu());
            if (!names.isFocused()) names.setText(String.join(", ", settings.expectedNames()));
            profile.setValue(settings.profile());
        } finally {
            updating = false;
        }
    }

    TextField namesField() {
        return names;
    }

    private List<MenuItem> trustMenu() {
        List<MenuItem> items = new ArrayList<>();
        MenuItem add = new MenuItem("Add trust list…");
        add.setId("trust-add");
        add.setOnAction(e -> addTrustFiles.run());
        items.add(add);
        if (!trustFiles.isEmpty()) {
            items.add(new SeparatorMenuItem());
            for (Path file : trustFiles) {
                MenuItem remove = new MenuItem("Remove " + file.getFileName());
                remove.setMnemonicParsing(false);
                remove.setOnAction(e -> change.accept(s -> {
                    List<Path> kept = new ArrayList<>(s.trustFiles());
                    kept.remove(file);
                    return s.withTrustFiles(kept);
                }));
                items.add(remove);
            }
            MenuItem clear = new MenuItem("Remove all");
            clear.setId("trust-clear");
            clear.setOnAction(e -> change.accept(s -> s.withTrustFiles(List.of())));
            items.add(clear);
        }
        return items;
    }

    private void commitNames() {
        List<String> parsed = ViewerSettings.parseNames(names.getText() == null ? "" : names.getText());
        change.accept(s -> s.expectedNames().equals(parsed) ? s : s.withExpectedNames(parsed));
    }
}
