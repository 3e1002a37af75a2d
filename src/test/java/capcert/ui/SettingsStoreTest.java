package capcert.ui;

import capcert.check.Profile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SettingsStoreTest {

    private final Preferences node = Preferences.userRoot().node("capcert-test-" + UUID.randomUUID());

    @AfterEach
    void removeNode() throws Exception {
        node.removeNode();
    }

    @Test
    void settingsSurviveARestart() {
        ViewerSettings settings = ViewerSettings.defaults()
                .withTrustFiles(List.of(Path.of("/lists/expressway-c.pem"), Path.of("/lists/expressway-e.pem")))
                .withExpectedNames(List.of("collab-edge.example.com", "expe.example.com"))
                .withProfile(Profile.EXPRESSWAY)
                .withDarkTheme(true)
                .withRecent(Path.of("/captures/a.pcap"))
                .withRecent(Path.of("/captures/b.pcapng"));

        new SettingsStore(node).save(settings);

        assertEquals(settings, new SettingsStore(node).load());
    }

    @Test
    void shorterListsReplaceLongerOnes() {
        SettingsStore store = new SettingsStore(node);
        store.save(ViewerSettings.defaults().withTrustFiles(List.of(Path.of("/a.pem"), Path.of("/b.pem"))));
        store.save(ViewerSettings.defaults().withTrustFiles(List.of(Path.of("/c.pem"))));

        assertEquals(List.of(Path.of("/c.pem")), store.load().trustFiles());
    }

    @Test
    void emptyOrDamagedStoreGivesDefaults() {
        node.put("profile", "NO_SUCH_PROFILE");

        assertEquals(ViewerSettings.defaults(), new SettingsStore(node).load());
    }

    @Test
    void recentFilesAreNewestFirstWithoutRepeatsAndBounded() {
        ViewerSettings settings = ViewerSettings.defaults();
        for (int i = 0; i < 12; i++) settings = settings.withRecent(Path.of("/c/" + i + ".pcap"));
        settings = settings.withRecent(Path.of("/c/5.pcap"));

        assertEquals(ViewerSettings.MAX_RECENT, settings.recentFiles().size());
        assertEquals(Path.of("/c/5.pcap"), settings.recentFiles().get(0));
        assertEquals(Path.of("/c/11.pcap"), settings.recentFiles().get(1));
        assertEquals(1, settings.recentFiles().stream().filter(p -> p.equals(Path.of("/c/5.pcap"))).count());
    }

    @Test
    void namesAreSplitOnCommasAndBlanks() {
        assertEquals(List.of("a.example", "b.example", "c.example"),
                ViewerSettings.parseNames(" a.example, b.example  c.example,,a.example "));
    }
}
