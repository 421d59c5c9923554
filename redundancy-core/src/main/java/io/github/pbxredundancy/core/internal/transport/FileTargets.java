package io.github.pbxredundancy.core.internal.transport;

import io.github.pbxredundancy.core.InvalidInputException;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Checks the target URI of a {@code file:} transport and turns it into the inbox directory.
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
public final class FileTargets {
    /** The field name in error messages. */
    public static final String FIELD = "file transport target";

    private FileTargets() {
    }

    /**
     * @param target e.g. {@code file:///mnt/standby/inbox}
     * @return the inbox directory, absolute
     * @throws InvalidInputException if the URI is not an absolute {@code file:} URI of a local
     *     path without host, query or fragment, or names an existing file that is not a directory
     */
    public static Path inbox(URI target) {
        Objects.requireNonNull(target, "target");
        String shown = Uris.redacted(target);
        if (target.getScheme() == null || !target.getScheme().toLowerCase(Locale.ROOT).equals("file")) {
            throw InvalidInputException.of(FIELD, shown, "must be a file: URI such as file:///mnt/standby/inbox");
        }
        if (target.isOpaque() || target.getPath() == null || !target.getPath().startsWith("/")) {
            throw InvalidInputException.of(FIELD, shown, "must name an absolute path, e.g. file:///mnt/standby/inbox;"
                    + " a relative path would depend on the working directory");
        }
        if (target.getRawAuthority() != null && !target.getRawAuthority().isEmpty()) {
            throw InvalidInputException.of(FIELD, shown, "must not name a host; mount the standby's share and name"
                    + " the mount point, e.g. file:///mnt/standby/inbox");
        }
        if (target.getRawQuery() != null || target.getRawFragment() != null) {
            throw InvalidInputException.of(FIELD, shown, "must not have a query (?...) or a fragment (#...)");
        }
        Path inbox = toPath(target, shown);
        if (Files.exists(inbox) && !Files.isDirectory(inbox)) {
            throw InvalidInputException.of(FIELD, shown, "must be a directory, the standby's inbox; it is a file");
        }
        return inbox;
    }

    private static Path toPath(URI target, String shown) {
        try {
            return Path.of(target).toAbsolutePath();
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw InvalidInputException.of(FIELD, shown, "must name a path of this system: " + e.getMessage());
        }
    }
}
