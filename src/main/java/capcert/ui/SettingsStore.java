package capcert.ui;

import capcert.check.Profile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** Keeps {@link ViewerSettings} in the user's Java preferences. */
final class SettingsStore {

    /** Where a real run keeps its settings; tests pass a node of their own. */
    static final String NODE = "capcert/viewer";

    private static final String TRUST = "trust.";
    private static final String RECENT = "recent.";
    private static final String NAMES = "expectedNames";
    private static final String PROFILE = "profile";
    private static final String DARK = "darkTheme";
    /** More than anyone keeps, and a bound on what a tampered store can make the viewer load. */
    private static final int MAX_TRUST_FILES = 64;

    private final Preferences node;

    SettingsStore(Preferences node) {
        this.node = node;
    }

    static SettingsStore user() {
        return new SettingsStore(Preferences.userRoot().node(NODE));
    }

    ViewerSettings load() {
        Profile profile;
        try {
            profile = Profile.valueOf(node.get(PROFILE, Profile.GENERIC.name()));
        } catch (IllegalArgumentException e) {
            profile = Profile.GENERIC;
        }
        return new ViewerSettings(paths(TRUST, MAX_TRUST_FILES), ViewerSettings.parseNames(node.get(NAMES, "")), profile,
                node.getBoolean(DARK, false), paths(RECENT, ViewerSettings.MAX_RECENT));
    }

    /** Saves what can be saved; a store that cannot be written only costs the memory of this run. */
    void save(ViewerSettings settings) {
        putPaths(TRUST, settings.trustFiles(), MAX_TRUST_FILES);
        putPaths(RECENT, settings.recentFiles(), ViewerSettings.MAX_RECENT);
        node.put(NAMES, String.join(",", settings.expectedNames()));
        node.put(PROFILE, settings.profile().name());
        node.putBoolean(DARK, settings.darkTheme());
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // Settings stay in effect for this run; nothing the user can act on.
        }
    }

    private List<Path> paths(String prefix, int max) {
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            String value = node.get(prefix + i, null);
            if (value == null) break;
            paths.add(Path.of(value));
        }
        return paths;
    }

    private void putPaths(String prefix, List<Path> paths, int max) {
        for (int i = 0; i < max; i++) {
            if (i < paths.size()) node.put(prefix + i, paths.get(i).toString());
            else node.remove(prefix + i);
        }
    }
}
