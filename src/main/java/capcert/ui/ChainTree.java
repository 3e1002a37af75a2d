package capcert.ui;

import capcert.check.Severity;
import capcert.tls.Role;
import capcert.x509.CertificateFields;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.HBox;

import java.util.List;
import java.util.Optional;

/**
 * The selected handshake's chains as trees, root at the top and the leaf at the bottom, as Windows
 * and Firefox draw a certification path; each certificate with the worst verdict about it. An
 * issuer the peer did not send is drawn greyed above the path, certificates off the path below it.
 */
final class ChainTree extends TreeView<ChainTree.Node> {

    enum Kind { CHAIN, CERTIFICATE, MISSING_ISSUER, UNRELATED, NOTE }

    /** One line of the tree; {@code certificate} is empty for headings, missing issuers and notes ({@code chain} null). */
    record Node(Kind kind, ChainLayout chain, Optional<ChainLayout.Certificate> certificate, String text,
                Optional<Severity> severity) {
    }

    private final ReadOnlyObjectWrapper<ChainLayout> selectedChain = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ChainLayout.Certificate> selectedCertificate = new ReadOnlyObjectWrapper<>();

    ChainTree() {
        setId("chain-tree");
        setShowRoot(false);
        setRoot(new TreeItem<>());
        setCellFactory(tree -> new NodeCell());
        getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            Node node = item == null ? null : item.getValue();
            selectedChain.set(node == null ? null : node.chain());
            selectedCertificate.set(node == null ? null : node.certificate().orElse(null));
        });
    }

    /** Shows the handshake's chains and selects the first chain's leaf; without any, says why ({@code notes}). */
    void show(List<ChainLayout> chains, Assessment assessment, List<String> notes) {
        TreeItem<Node> root = new TreeItem<>();
        if (chains.isEmpty()) {
            for (String note : notes.isEmpty() ? List.of("No certificate in clear text in this handshake.") : notes) {
                root.getChildren().add(item(new Node(Kind.NOTE, null, Optional.empty(), Labels.safe(note), Optional.empty())));
            }
        }
        TreeItem<Node> firstLeaf = null;
        for (ChainLayout chain : chains) {
            int count = chain.path().size() + chain.unrelated().size();
            TreeItem<Node> heading = item(new Node(Kind.CHAIN, chain, Optional.empty(),
                    (chain.sender() == Role.SERVER ? "Server" : "Client") + "'s chain · " + count + " certificate"
                            + (count == 1 ? "" : "s") + " · frame " + chain.path().get(0).entry().frame(),
                    Optional.empty()));
            root.getChildren().add(heading);
            TreeItem<Node> parent = heading;
            if (chain.missingIssuer().isPresent()) {
                TreeItem<Node> missing = item(new Node(Kind.MISSING_ISSUER, chain, Optional.empty(),
                        "not sent: " + Labels.safe(chain.missingIssuer().get()), Optional.empty()));
                parent.getChildren().add(missing);
                parent = missing;
            }
            List<ChainLayout.Certificate> path = chain.path();
            for (int i = path.size() - 1; i >= 0; i--) {
                TreeItem<Node> item = item(certificateNode(Kind.CERTIFICATE, chain, path.get(i), assessment));
                parent.getChildren().add(item);
                parent = item;
            }
            if (firstLeaf == null) firstLeaf = parent;
            for (ChainLayout.Certificate extra : chain.unrelated()) {
                heading.getChildren().add(item(certificateNode(Kind.UNRELATED, chain, extra, assessment)));
            }
        }
        setRoot(root);
        if (firstLeaf != null) getSelectionModel().select(firstLeaf);
        else getSelectionModel().clearSelection();
    }

    void clear() {
        setRoot(new TreeItem<>());
        getSelectionModel().clearSelection();
    }

    /** Selects the tree line of the certificate with this SHA-256, if the tree shows it. */
    void selectCertificate(String sha256) {
        for (int i = 0; i < getExpandedItemCount(); i++) {
            TreeItem<Node> item = getTreeItem(i);
            if (item.getValue().certificate().filter(c -> c.details().sha256().equalsIgnoreCase(sha256)).isPresent()) {
                getSelectionModel().select(i);
                scrollTo(i);
                return;
            }
        }
    }

    ReadOnlyObjectProperty<ChainLayout> selectedChainProperty() {
        return selectedChain.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<ChainLayout.Certificate> selectedCertificateProperty() {
        return selectedCertificate.getReadOnlyProperty();
    }

    private static Node certificateNode(Kind kind, ChainLayout chain, ChainLayout.Certificate certificate, Assessment assessment) {
        String text = Labels.safe(certificate.label()) + "  #" + certificate.entry().position();
        if (kind == Kind.UNRELATED) text += " (sent, but not on the path)";
        return new Node(kind, chain, Optional.of(certificate), text, assessment.worstFor(certificate.details().sha256()));
    }

    private static TreeItem<Node> item(Node node) {
        TreeItem<Node> item = new TreeItem<>(node);
        item.setExpanded(true);
        return item;
    }

    private static final class NodeCell extends TreeCell<Node> {
        @Override
        protected void updateItem(Node node, boolean empty) {
            super.updateItem(node, empty);
            getStyleClass().removeAll("missing-issuer", "chain-heading");
            if (empty || node == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            setText(node.text());
            switch (node.kind()) {
                case CHAIN, NOTE -> {
                    if (node.kind() == Kind.CHAIN) getStyleClass().add("chain-heading");
                    setGraphic(null);
                    setTooltip(null);
                }
                case MISSING_ISSUER -> {
                    getStyleClass().add("missing-issuer");
                    setGraphic(null);
                    setTooltip(new Tooltip("The peer did not send this issuer: it must be in the other side's trust list."));
                }
                default -> {
                    Label badge = Badges.badge(node.severity());
                    setGraphic(new HBox(badge));
                    ChainLayout.Certificate c = node.certificate().orElseThrow();
                    setTooltip(new Tooltip("Subject: " + Labels.safe(c.details().subject())
                            + "\nIssuer: " + Labels.safe(c.details().issuer())
                            + c.details().notAfter().map(t -> "\nValid until: " + CertificateFields.time(t)).orElse("")));
                }
            }
        }
    }
}
