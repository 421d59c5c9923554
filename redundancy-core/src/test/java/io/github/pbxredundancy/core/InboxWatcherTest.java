package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.pbxredundancy.core.spi.BundleHandler;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.spi.InboxCodec;
import io.github.pbxredundancy.core.transport.InboxWatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link InboxWatcher} on a manual clock; the test plays the sender by hand. */
class InboxWatcherTest {
    private static final BundleId ID = BundleId.parse("20160126T050000Z-e5-0123456789abcdef");
    private static final byte[] BYTES = "a bundle, as far as the watcher can tell".getBytes(StandardCharsets.UTF_8);
    private static final String SHA = BundleFixtures.sha256(BYTES);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2016-01-26T05:00:00Z"));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final List<String> calls = new ArrayList<>();
    private BundleHandler verdict = (id, file, sha256) -> new DeliveryReceipt.Accepted(id, BundleFixtures.sha256(file));
    private Path inbox;
    private InboxWatcher watcher;

    @BeforeEach
    void inbox() throws IOException {
        inbox = Files.createDirectory(dir.resolve("inbox"));
        watcher = InboxWatcher.builder()
                .inbox(inbox)
                .handler((id, file, sha256) -> {
                    calls.add(id + " " + inbox.relativize(file) + " " + sha256);
                    return verdict.handle(id, file, sha256);
                })
                .clock(clock)
                .scheduler(scheduler)
                .workExecutor(Runnable::run)
                .pollInterval(Duration.ofSeconds(5))
                .sweepAge(Duration.ofHours(1))
                .build();
    }

    @Test
    void answersAnAcceptedBundleAndClearsTheInbox() throws IOException {
        send(ID);

        assertThat(watcher.pollOnce()).containsExactly(new DeliveryReceipt.Accepted(ID, SHA));

        assertThat(calls).containsExactly(ID + " " + ID + ".bundle " + SHA);
        assertThat(names()).containsExactly(ID + ".ack");
        assertThat(answer(ID + ".ack")).isEqualTo(new DeliveryReceipt.Accepted(ID, SHA));
    }

    @Test
    void answersTheHandlersRejection() throws IOException {
        verdict = (id, file, sha256) -> new DeliveryReceipt.Rejected(id, ReasonCode.STALE_EPOCH, "epoch 5 is lower than 6");
        send(ID);

        watcher.pollOnce();

        assertThat(names()).containsExactly(ID + ".nack");
        assertThat(answer(ID + ".nack")).isEqualTo(new DeliveryReceipt.Rejected(ID, ReasonCode.STALE_EPOCH, "epoch 5 is lower than 6"));
    }

    @Test
    void aFailingHandlerIsAnsweredWithItsReasonOrUnexpected() throws IOException {
        verdict = (id, file, sha256) -> {
            throw new IllegalStateException("database locked\nby another import");
        };
        send(ID);
        watcher.pollOnce();
        DeliveryReceipt.Rejected unexpected = (DeliveryReceipt.Rejected) answer(ID + ".nack");
        assertThat(unexpected.reason()).isEqualTo(ReasonCode.UNEXPECTED);
        assertThat(unexpected.message()).isEqualTo("the standby failed to judge the bundle: IllegalStateException database locked\\u000aby another import");

        verdict = (id, file, sha256) -> {
            throw new RedundancyException(ReasonCode.IMPORT_FAILED, "the host's importer failed");
        };
        send(ID);
        watcher.pollOnce();
        assertThat(answer(ID + ".nack")).isEqualTo(new DeliveryReceipt.Rejected(ID, ReasonCode.IMPORT_FAILED, "the host's importer failed"));

        verdict = (id, file, sha256) -> null;
        send(ID);
        watcher.pollOnce();
        assertThat(answer(ID + ".nack")).isEqualTo(new DeliveryReceipt.Rejected(ID, ReasonCode.UNEXPECTED,
                "the standby's bundle handler answered nothing"));
    }

    @Test
    void aMissingOrMalformedHashIsAnIntegrityFailureWithoutAskingTheHandler() throws IOException {
        Files.write(inbox.resolve(ID + ".bundle"), BYTES);
        watcher.pollOnce();
        DeliveryReceipt.Rejected missing = (DeliveryReceipt.Rejected) answer(ID + ".nack");
        assertThat(missing.reason()).isEqualTo(ReasonCode.INTEGRITY_FAILED);
        assertThat(missing.message()).contains("no " + ID + ".sha256 beside the bundle");

        Files.write(inbox.resolve(ID + ".bundle"), BYTES);
        Files.writeString(inbox.resolve(ID + ".sha256"), SHA.toUpperCase() + "\n");
        watcher.pollOnce();
        DeliveryReceipt.Rejected malformed = (DeliveryReceipt.Rejected) answer(ID + ".nack");
        assertThat(malformed.reason()).isEqualTo(ReasonCode.INTEGRITY_FAILED);
        assertThat(malformed.message()).contains("64 lower-case hex digits");

        assertThat(calls).isEmpty();
        assertThat(names()).as("bundle and hash file are gone, the answer was read").isEmpty();
    }

    @Test
    void aBundleThatIsALinkIsRefusedAndItsTargetLeftAlone() throws IOException {
        Path target = Files.write(dir.resolve("etc-shadow"), BYTES);
        symlink(inbox.resolve(ID + ".bundle"), target);
        Files.write(inbox.resolve(ID + ".sha256"), InboxCodec.renderSha256(SHA));

        watcher.pollOnce();

        DeliveryReceipt.Rejected refused = (DeliveryReceipt.Rejected) answer(ID + ".nack");
        assertThat(refused.reason()).isEqualTo(ReasonCode.UNSAFE_ARCHIVE);
        assertThat(refused.message()).contains("is a symbolic link");
        assertThat(calls).isEmpty();
        assertThat(target).hasBinaryContent(BYTES);
        assertThat(names()).as("the link itself is gone, the answer was read").isEmpty();
    }

    @Test
    void aHashFileThatIsALinkIsRefused() throws IOException {
        Path target = Files.write(dir.resolve("hash"), InboxCodec.renderSha256(SHA));
        Files.write(inbox.resolve(ID + ".bundle"), BYTES);
        symlink(inbox.resolve(ID + ".sha256"), target);

        watcher.pollOnce();

        assertThat(((DeliveryReceipt.Rejected) answer(ID + ".nack")).reason()).isEqualTo(ReasonCode.UNSAFE_ARCHIVE);
        assertThat(calls).isEmpty();
        assertThat(target).exists();
    }

    @Test
    void namesOutsideTheProtocolAreLeftAlone() throws IOException {
        for (String name : List.of("-bad.bundle", ".hidden.bundle", "notes.txt", "x.bundle.txt", "y.sha256", "z.part")) {
            Files.writeString(inbox.resolve(name), name);
        }
        List<String> before = names();

        assertThat(watcher.pollOnce()).isEmpty();
        assertThat(watcher.pollOnce()).isEmpty();

        assertThat(names()).isEqualTo(before);
        assertThat(calls).isEmpty();
    }

    @Test
    void anAnswerOfTheOtherKindIsReplaced() throws IOException {
        Files.writeString(inbox.resolve(ID + ".nack"), "stale");
        send(ID);

        watcher.pollOnce();

        assertThat(names()).containsExactly(ID + ".ack");
    }

    @Test
    void judgesSeveralBundlesInIdOrder() throws IOException {
        BundleId later = BundleId.parse("20160127T050000Z-e5-0123456789abcdef");
        send(later);
        send(ID);

        assertThat(watcher.pollOnce()).extracting(DeliveryReceipt::bundleId).containsExactly(ID, later);
    }

    @Test
    void theSweepRemovesOldPartFilesOnly() throws IOException {
        Instant now = clock.instant();
        Path oldPart = file("a.part", now.minus(Duration.ofHours(2)));
        Path oldHashPart = file("a.sha256.part", now.minus(Duration.ofHours(2)));
        Path oldAnswerPart = file("b.nack.part", now.minus(Duration.ofMinutes(61)));
        Path freshPart = file("c.part", now.minus(Duration.ofMinutes(59)));
        Path foreign = file(".hidden.part", now.minus(Duration.ofDays(3)));
        Path other = file("notes.txt", now.minus(Duration.ofDays(3)));
        Path oldBundle = file("d.bundle", now.minus(Duration.ofDays(3)));
        Path directory = Files.createDirectory(inbox.resolve("e.part"));
        Files.setLastModifiedTime(directory, FileTime.from(now.minus(Duration.ofDays(3))));

        assertThat(watcher.sweep()).containsExactlyInAnyOrder(oldPart, oldHashPart, oldAnswerPart);

        assertThat(freshPart).exists();
        assertThat(foreign).exists();
        assertThat(other).exists();
        assertThat(oldBundle).exists();
        assertThat(directory).exists();
    }

    @Test
    void startSweepsThenPollsEveryIntervalUntilStopped() throws IOException {
        Path stale = file("old.part", clock.instant().minus(Duration.ofDays(1)));
        send(ID);

        watcher.start();

        assertThat(stale).doesNotExist();
        assertThat(calls).as("the first poll is scheduled, not run by start").isEmpty();
        scheduler.advance(Duration.ZERO);
        assertThat(calls).hasSize(1);

        BundleId second = BundleId.parse("second");
        send(second);
        scheduler.advance(Duration.ofSeconds(4));
        assertThat(calls).hasSize(1);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(calls).hasSize(2);
        assertThatThrownBy(watcher::start).isInstanceOf(IllegalStateException.class);

        watcher.stop();
        send(BundleId.parse("third"));
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(calls).hasSize(2);
        assertThat(scheduler.pending()).isZero();

        watcher.start();
        scheduler.advance(Duration.ZERO);
        assertThat(calls).hasSize(3);
        watcher.stop();
    }

    @Test
    void aFailingPollIsLoggedAndTheLoopGoesOn() throws IOException {
        watcher.start();
        Files.delete(inbox);
        scheduler.advance(Duration.ZERO);
        assertThat(scheduler.pending()).as("the next poll is scheduled").isOne();

        Files.createDirectory(inbox);
        send(ID);
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(calls).hasSize(1);
        watcher.stop();
    }

    @Test
    void startNeedsAnExistingInbox() throws IOException {
        Files.delete(inbox);

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, watcher::start);

        assertThat(e.getMessage()).contains("must be an existing directory");
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void theBuilderNamesEveryMissingOrWrongSetting() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> InboxWatcher.builder().pollInterval(Duration.ZERO).sweepAge(null).build());

        assertThat(e.problems()).extracting(InputProblem::field)
                .containsExactly("inbox", "handler", "clock", "scheduler", "workExecutor", "pollInterval", "sweepAge");
    }

    private void send(BundleId id) throws IOException {
        Files.write(inbox.resolve(id + ".sha256"), InboxCodec.renderSha256(SHA));
        Files.write(inbox.resolve(id + ".bundle"), BYTES);
    }

    private Path file(String name, Instant modified) throws IOException {
        Path file = Files.writeString(inbox.resolve(name), name);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    private DeliveryReceipt answer(String name) throws IOException {
        Path file = inbox.resolve(name);
        DeliveryReceipt receipt = InboxCodec.parseAnswer(Files.readAllBytes(file));
        Files.delete(file);
        return receipt;
    }

    private List<String> names() {
        try (Stream<Path> list = Files.list(inbox)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void symlink(Path link, Path target) throws IOException {
        try {
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links are not supported here: " + e);
        }
    }
}
