package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.spi.BackupImporter;
import io.github.pbxredundancy.core.spi.ImportRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A host importer that records what it was given (the files are copied as hashes, because the
 * receiver deletes the directory after the call) and can be told to fail.
 */
final class RecordingImporter implements BackupImporter {
    /** One call: the bundle, the extracted files by name with their SHA-256, and where they were. */
    record Call(BundleId bundleId, Map<String, String> files, Path directory) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final Deque<IOException> failures = new ArrayDeque<>();

    @Override
    public synchronized void importBackup(ImportRequest request) throws IOException {
        calls.add(new Call(request.manifest().bundleId(), BundleFixtures.snapshot(request.directory()), request.directory()));
        IOException failure = failures.poll();
        if (failure != null) {
            throw failure;
        }
    }

    /** The next call fails with this exception. */
    synchronized void failNext(IOException failure) {
        failures.add(failure);
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized List<BundleId> importedIds() {
        return calls.stream().map(Call::bundleId).toList();
    }
}
