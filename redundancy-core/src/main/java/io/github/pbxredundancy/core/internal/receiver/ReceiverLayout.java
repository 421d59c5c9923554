package io.github.pbxredundancy.core.internal.receiver;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.internal.DurableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the receiver keeps what, below its root directory:
 * <pre>
 * staging/&lt;id&gt;.part        a bundle while it arrives; never read by anything else
 * bundles/&lt;id&gt;.bundle      a kept, verified bundle
 * bundles/&lt;id&gt;.accepted    its record: manifest summary, size, SHA-256, pair, acceptance time
 * import/&lt;id&gt;/             a bundle's payload while the host imports it
 * state/epoch              the highest accepted fencing epoch (B1)
 * state/last-import        how the last import ended
 * state/initialized        the standby's one-time initialisation (R13), written by StandbyInitializer
 * import/_initial/         the initialisation's copy or payload while the host imports it
 * </pre>
 * Files written atomically get a {@code .tmp} sibling while they are written. Bundle ids cannot
 * contain a path separator or be {@code .} or {@code ..}, so every name stays in its directory.
 *
 * <p>Not part of the API. Immutable and thread-safe.
 */
final class ReceiverLayout {
    static final String PART = ".part";
    static final String BUNDLE = ".bundle";
    static final String RECORD = ".accepted";
    static final String TEMP = DurableFiles.TEMP_SUFFIX;

    private final Path root;
    private final Path staging;
    private final Path bundles;
    private final Path imports;
    private final Path state;

    ReceiverLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.staging = this.root.resolve("staging");
        this.bundles = this.root.resolve("bundles");
        this.imports = this.root.resolve("import");
        this.state = this.root.resolve("state");
    }

    /**
     * Creates the root and its four directories where missing.
     *
     * @throws InvalidInputException if the root or one of them exists but is not a directory
     * @throws IOException if one cannot be created
     */
    void create() throws IOException {
        for (Path directory : new Path[] {root, staging, bundles, imports, state}) {
            if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(directory)) {
                throw InvalidInputException.of("root", directory.toString(), "must be a directory the receiver owns");
            }
            Files.createDirectories(directory);
        }
    }

    Path root() {
        return root;
    }

    Path staging() {
        return staging;
    }

    Path bundles() {
        return bundles;
    }

    Path imports() {
        return imports;
    }

    Path part(BundleId id) {
        return staging.resolve(id.value() + PART);
    }

    Path bundle(BundleId id) {
        return bundles.resolve(id.value() + BUNDLE);
    }

    Path record(BundleId id) {
        return bundles.resolve(id.value() + RECORD);
    }

    Path importDir(BundleId id) {
        return imports.resolve(id.value());
    }

    Path epochFile() {
        return state.resolve("epoch");
    }

    Path lastImportFile() {
        return state.resolve("last-import");
    }

    Path initializedFile() {
        return state.resolve("initialized");
    }

    /** No bundle id starts with {@code _}, so this never meets a bundle's import directory. */
    Path initialImportDir() {
        return imports.resolve("_initial");
    }

    /**
     * The bundle id a file name carries before {@code suffix}, if it ends so and the rest is
     * a valid id.
     */
    static Optional<BundleId> idOf(Path file, String suffix) {
        String name = file.getFileName().toString();
        if (!name.endsWith(suffix)) {
            return Optional.empty();
        }
        try {
            return Optional.of(BundleId.parse(name.substring(0, name.length() - suffix.length())));
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
    }
}
