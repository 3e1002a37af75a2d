package capcert.ui;

import capcert.check.CheckOptions;
import capcert.check.Profile;
import capcert.trust.TrustList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the viewer remembers between runs.
 *
 * @param trustFiles    one trust list per file, e.g. the Expressway-C list and the Expressway-E list
 * @param expectedNames names each server certificate must carry
 * @param recentFiles   captures opened lately, newest first
 */
record ViewerSettings(List<Path> trustFiles, List<String> expectedNames, Profile profile, boolean darkTheme,
                      List<Path> recentFiles) {

    static final int MAX_RECENT = 10;

    ViewerSettings {
        trustFiles = List.copyOf(trustFiles);
        expectedNames = List.copyOf(expectedNames);
        recentFiles = List.copyOf(recentFiles.subList(0, Math.min(MAX_RECENT, recentFiles.size())));
    }

    static ViewerSettings defaults() {
        return new ViewerSettings(List.of(), List.of(), Profile.GENERIC, false, List.of());
    }

    ViewerSettings withTrustFiles(List<Path> files) {
        return new ViewerSettings(files, expectedNames, profile, darkTheme, recentFiles);
    }

    ViewerSettings withExpectedNames(List<String> names) {
        return new ViewerSettings(trustFiles, names, profile, darkTheme, recentFiles);
    }

    ViewerSettings withProfile(Profile newProfile) {
        return new ViewerSettings(trustFiles, expectedNames, newProfile, darkTheme, recentFiles);
    }

    ViewerSettings withDarkTheme(boolean dark) {
        return new ViewerSettings(trustFiles, expectedNames, profile, dark, recentFiles);
    }

    /** {@code file} first, without duplicates, the oldest dropped beyond {@value #MAX_RECENT}. */
    ViewerSettings withRecent(Path file) {
        List<Path> recent = new ArrayList<>(recentFiles);
        Path absolute = file.toAbsolutePath().normalize();
        recent.remove(absolute);
        recent.add(0, absolute);
        return new ViewerSettings(trustFiles, expectedNames, profile, darkTheme, recent);
    }

    ViewerSettings withoutRecent() {
        return new ViewerSettings(trustFiles, expectedNames, profile, darkTheme, List.of());
    }

    /** The checker's options for these settings and the trust lists read from {@link #trustFiles}. */
    CheckOptions checkOptions(List<TrustList> trustLists) {
        return new CheckOptions(trustLists, expectedNames, Optional.empty(), profile, List.of());
    }

    /** Names as typed: separated by commas or blanks. */
    static List<String> parseNames(String text) {
        return Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
