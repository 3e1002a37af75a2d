package capcert.export;

import capcert.tls.CaptureResult;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes certificates, chain bundles and {@code index.json} into one output directory.
 *
 * <p>Every name comes from untrusted captures, and the directory may hold files (or links) put
 * there by someone else, so: every target must resolve inside the directory, nothing is written
 * through a symbolic link, nothing is overwritten without {@code force}, and every check passes
 * before the first byte is written, with {@code index.json} last. Each file is created under its
 * own name with {@code CREATE_NEW}, so one that appears in the directory while the export runs is
 * never replaced without {@code force} either; with {@code force}, a temporary file takes the name
 * at the end ({@link NoReplace}). A file that fails mid-write (a full disk) is removed; a process
 * killed outright can leave the one it was writing, cut short, which a second run reports (or
 * replaces with {@code force}).
 *
 * <p>Files are not fsynced one by one: that made a 100,000-file export four times slower. After a
 * power loss the OS may lose the newest files; the export is re-run from the capture, which is
 * still there.
 */
public final class Exporter {

    private final Path dir;
    private final Set<CertificateFormat> formats;
    private final boolean force;

    public Exporter(Path dir, Set<CertificateFormat> formats, boolean force) {
        if (formats.isEmpty()) throw new IllegalArgumentException("no certificate format chosen");
        this.dir = dir;
        this.formats = EnumSet.copyOf(formats);
        this.force = force;
    }

    /**
     * Writes what {@code captures} hold, all checks first.
     *
     * @throws FileAlreadyExistsException a target exists and {@code force} is not set; nothing was written
     * @throws FileSystemException        a target is unsafe (a link, a folder, outside the directory)
     */
    public ExportSummary export(List<CaptureResult> captures) throws IOException {
        ExportPlan plan = ExportPlan.of(captures, formats);
        List<ExportPlan.File> files = plan.files();
        Path root = prepareRoot();
        List<Path> targets = new ArrayList<>();
        Before before = new Before();
        for (ExportPlan.File file : files) targets.add(checkedTarget(root, file.path(), before));
        for (Path folder : new LinkedHashSet<>(targets.stream().map(Path::getParent).toList())) {
            Files.createDirectories(folder);
        }
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            ExportPlan.File file = files.get(i);
            writeInPlace(root, targets.get(i), file.content());
            written.add(dir.resolve(file.path()));
        }
        return new ExportSummary(plan.certificateCount(), plan.chainCount(), plan.evidenceFileCount(), written);
    }

    private Path prepareRoot() throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new FileSystemException(dir.toString(), null, "not a directory");
        }
        // A directory named by the user may itself be a link: that is their choice, so follow it once.
        Files.createDirectories(dir);
        return dir.toRealPath();
    }

    /**
     * What each target folder held before this export, read once, and the folders already checked:
     * asking the file system about each of tens of thousands of targets (a thrown exception for
     * every one not there yet) was a fifth of a large export.
     */
    private static final class Before {
        final Map<Path, Set<String>> names = new HashMap<>();
        final Set<Path> checkedFolders = new HashSet<>();

        /** Whether a name the file system may take for {@code target}'s (case folded) was in its folder. */
        boolean wasThere(Path target) throws IOException {
            Path folder = target.getParent();
            Set<String> inFolder = names.get(folder);
            if (inFolder == null) {
                inFolder = new HashSet<>();
                if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
                        for (Path entry : entries) inFolder.add(SafeNames.collisionKey(entry.getFileName().toString()));
                    }
                }
                names.put(folder, inFolder);
            }
            return inFolder.contains(SafeNames.collisionKey(target.getFileName().toString()));
        }
    }

    private Path checkedTarget(Path root, String relative, Before before) throws IOException {
        Path target = root.resolve(relative).normalize();
        String shown = dir.resolve(relative).toString();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new FileSystemException(shown, null, "resolves outside the output directory");
        }
        for (Path folder = target.getParent(); !folder.equals(root) && before.checkedFolders.add(folder); folder = folder.getParent()) {
            if (Files.isSymbolicLink(folder)) {
                throw new FileSystemException(dir.resolve(root.relativize(folder)).toString(), null,
                        "is a symbolic link; refusing to write through it");
            }
            if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileSystemException(dir.resolve(root.relativize(folder)).toString(), null, "not a directory");
            }
        }
        if (!before.wasThere(target)) return target;
        if (Files.isSymbolicLink(target)) {
            throw new FileSystemException(shown, null, "is a symbolic link; refusing to write through it");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileSystemException(shown, null, "is a directory");
            }
            if (!force) throw new FileAlreadyExistsException(shown, null, "already exists");
        }
        return target;
    }

    private void writeInPlace(Path root, Path target, ExportPlan.Content content) throws IOException {
        Path folder = target.getParent();
        // The checks ran before any write; a folder swapped for a link since then must not be followed.
        // Root is a real path, so the folders below it are all there is to look at again.
        for (Path f = folder; !f.equals(root); f = f.getParent()) {
            if (f == null || !Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileSystemException(folder.toString(), null, "changed during the export; refusing to write into it");
            }
        }
        if (!force) {
            // Created under its own name, CREATE_NEW: it fails rather than replace a file that appeared
            // since the checks. (A temporary file linked into place costs a third more time on 20,000 files.)
            write(target, content);
            return;
        }
        // Not Files.createTempFile: its owner-only mode would survive the rename; this one follows the umask.
        Path temp = folder.resolve(".capcert-" + UUID.randomUUID() + ".tmp");
        write(temp, content);
        boolean moved = false;
        try {
            NoReplace.publish(temp, target, true);
            moved = true;
        } finally {
            if (!moved) Files.deleteIfExists(temp);
        }
    }

    /** A new file at {@code path} with {@code content}; one that could not be written whole is removed. */
    private static void write(Path path, ExportPlan.Content content) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        boolean whole = false;
        try {
            try (channel; OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel))) {
                content.writeTo(out);
                out.flush();
            }
            whole = true;
        } finally {
            if (!whole) Files.deleteIfExists(path);
        }
    }
}
