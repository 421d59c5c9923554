package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.pbxredundancy.core.spi.Delivery;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.spi.InboxCodec;
import io.github.pbxredundancy.core.spi.TransferListener;
import io.github.pbxredundancy.core.spi.TransportOptions;
import io.github.pbxredundancy.core.transport.FileTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileTransport} on a manual clock: the test plays the standby by hand. A delivery runs on
 * a thread of its own and blocks where it waits for the answer; every pause it takes shows up in
 * {@link #pauses}, and the test ends it by moving the manual scheduler, so no test waits on time.
 */
class FileTransportTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final BundleId ID = BundleId.parse("20160126T050000Z-e5-0123456789abcdef");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2016-01-26T05:00:00Z"));
    private final ManualScheduler manual = new ManualScheduler(clock);
    private final BlockingQueue<Instant> pauses = new LinkedBlockingQueue<>();
    private final TaskScheduler scheduler = (at, task) -> {
        TaskScheduler.ScheduledTask scheduled = manual.schedule(at, task);
        pauses.add(at);
        return scheduled;
    };
    private final TransportOptions options = TransportOptions.defaults(clock, scheduler)
            .withAckTimeout(Duration.ofMinutes(10)).withPollInterval(Duration.ofMinutes(1));
    private final ExecutorService sender = Executors.newSingleThreadExecutor();
    private Path inbox;
    private Delivery delivery;

    @BeforeEach
    void bundle() throws IOException {
        inbox = Files.createDirectory(dir.resolve("inbox"));
        delivery = delivery(ID, 3 * (1 << 20) / 2);
    }

    @AfterEach
    void stopSender() {
        sender.shutdownNow();
    }

    @Test
    void commitsTheBundleWithItsHashAndReturnsTheAcceptance() throws Exception {
        List<Long> progress = new ArrayList<>();
        Future<DeliveryReceipt> receipt = deliverAsync(transport(), (id, transferred, total) -> {
            progress.add(transferred);
            throw new IllegalStateException("a broken progress bar must not stop the delivery");
        });
        awaitPause();

        assertThat(Files.mismatch(inbox.resolve(ID + ".bundle"), delivery.file())).isEqualTo(-1);
        assertThat(Files.readString(inbox.resolve(ID + ".sha256"))).isEqualTo(delivery.sha256() + "\n");
        assertThat(names()).containsExactlyInAnyOrder(ID + ".bundle", ID + ".sha256");
        assertThat(progress).containsExactly(1L << 20, delivery.size());
        assertThat(receipt).isNotDone();

        answer(".ack", new DeliveryReceipt.Accepted(ID, delivery.sha256()));
        manual.advance(Duration.ofMinutes(1));

        assertThat(receipt.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new DeliveryReceipt.Accepted(ID, delivery.sha256()));
        assertThat(names()).as("the answer is deleted").containsExactlyInAnyOrder(ID + ".bundle", ID + ".sha256");
    }

    @Test
    void returnsARejection() throws Exception {
        Future<DeliveryReceipt> receipt = deliverAsync(transport(), TransferListener.NONE);
        awaitPause();
        answer(".nack", new DeliveryReceipt.Rejected(ID, ReasonCode.FOREIGN_PAIR, "pair differs"));
        manual.advance(Duration.ofMinutes(1));

        assertThat(receipt.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo(new DeliveryReceipt.Rejected(ID, ReasonCode.FOREIGN_PAIR, "pair differs"));
        assertThat(inbox.resolve(ID + ".nack")).doesNotExist();
    }

    @Test
    void noAnswerWithinTheAckTimeoutIsATimeoutDecidedByTheClock() throws Exception {
        Instant deadline = clock.instant().plus(Duration.ofMinutes(10));
        Future<DeliveryReceipt> receipt = deliverAsync(transport(), TransferListener.NONE);
        List<Instant> looks = new ArrayList<>();
        Instant next;
        do {
            next = pauses.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(next).as("the delivery did not pause again").isNotNull();
            assertThat(receipt).as("gave up before the deadline").isNotDone();
            looks.add(next);
            manual.advanceTo(next);
        } while (next.isBefore(deadline));

        RedundancyException e = failure(receipt);
        assertThat(e.reason()).isEqualTo(ReasonCode.TIMEOUT);
        assertThat(e.getMessage()).contains("no answer from the standby to bundle " + ID, "within 10 min");
        assertThat(looks).hasSize(10).first().isEqualTo(deadline.minus(Duration.ofMinutes(9)));
        assertThat(manual.pending()).isZero();
        assertThat(names()).as("the standby may still judge it").contains(ID + ".bundle", ID + ".sha256");
    }

    @Test
    void anAcceptanceWithAnotherHashOrForAnotherBundleIsAnIntegrityFailure() throws Exception {
        String otherHash = "f".repeat(64);
        Future<DeliveryReceipt> wrongHash = deliverAsync(transport(), TransferListener.NONE);
        awaitPause();
        answer(".ack", new DeliveryReceipt.Accepted(ID, otherHash));
        manual.advance(Duration.ofMinutes(1));
        assertThat(failure(wrongHash).getMessage()).contains("with SHA-256 " + otherHash + ", but it was sent with " + delivery.sha256());

        Future<DeliveryReceipt> wrongId = deliverAsync(transport(), TransferListener.NONE);
        awaitPause();
        answer(".ack", new DeliveryReceipt.Accepted(BundleId.parse("other"), delivery.sha256()));
        manual.advance(Duration.ofMinutes(1));
        RedundancyException e = failure(wrongId);
        assertThat(e.reason()).isEqualTo(ReasonCode.INTEGRITY_FAILED);
        assertThat(e.getMessage()).contains("is about bundle other");
    }

    @Test
    void aMalformedAnswerIsAnIntegrityFailureAndIsDeleted() throws Exception {
        Future<DeliveryReceipt> receipt = deliverAsync(transport(), TransferListener.NONE);
        awaitPause();
        Files.writeString(inbox.resolve(ID + ".ack"), "verdict=accepted\nOK\n");
        manual.advance(Duration.ofMinutes(1));

        RedundancyException e = failure(receipt);
        assertThat(e.reason()).isEqualTo(ReasonCode.INTEGRITY_FAILED);
        assertThat(e.getMessage()).contains("answer " + ID + ".ack", "malformed: line 2 'OK' is not key=value");
        assertThat(inbox.resolve(ID + ".ack")).doesNotExist();
    }

    @Test
    void aLinkAsAnswerIsNeitherFollowedNorBelieved() throws Exception {
        Path elsewhere = dir.resolve("forged.ack");
        Files.write(elsewhere, InboxCodec.renderAnswer(new DeliveryReceipt.Accepted(ID, delivery.sha256())));
        Future<DeliveryReceipt> receipt = deliverAsync(transport(), TransferListener.NONE);
        awaitPause();
        symlink(inbox.resolve(ID + ".ack"), elsewhere);
        manual.advance(Duration.ofMinutes(1));

        RedundancyException e = failure(receipt);
        assertThat(e.reason()).isEqualTo(ReasonCode.INTEGRITY_FAILED);
        assertThat(e.getMessage()).contains("is not a regular file");
        assertThat(elsewhere).exists();
    }

    @Test
    void anAnswerLeftFromAnEarlierAttemptIsDeletedBeforeTheCommit() throws Exception {
        answer(".nack", new DeliveryReceipt.Rejected(ID, ReasonCode.INTEGRITY_FAILED, "damaged in transit"));
        Future<DeliveryReceipt> receipt = deliverAsync(transport(), TransferListener.NONE);
        awaitPause();

        assertThat(receipt).as("the old rejection must not count").isNotDone();
        assertThat(inbox.resolve(ID + ".nack")).doesNotExist();
        answer(".ack", new DeliveryReceipt.Accepted(ID, delivery.sha256()));
        manual.advance(Duration.ofMinutes(1));
        assertThat(receipt.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(DeliveryReceipt.Accepted.class);
    }

    @Test
    void aBundleStillWaitingFromAnEarlierAttemptIsNotWrittenAgain() throws Exception {
        Path pending = Files.copy(delivery.file(), inbox.resolve(ID + ".bundle"));
        Files.writeString(inbox.resolve(ID + ".sha256"), delivery.sha256() + "\n");
        FileTime old = FileTime.from(Instant.parse("2016-01-26T04:00:00Z"));
        Files.setLastModifiedTime(pending, old);
        List<Long> progress = new ArrayList<>();

        Future<DeliveryReceipt> receipt = deliverAsync(transport(), (id, transferred, total) -> progress.add(transferred));
        awaitPause();

        assertThat(Files.getLastModifiedTime(pending)).isEqualTo(old);
        assertThat(progress).isEmpty();
        answer(".ack", new DeliveryReceipt.Accepted(ID, delivery.sha256()));
        manual.advance(Duration.ofMinutes(1));
        assertThat(receipt.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(DeliveryReceipt.Accepted.class);
    }

    @Test
    void aLinkPlantedAsPartFileIsReplacedNotWrittenThrough() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim.txt"), "keep me");
        symlink(inbox.resolve(ID + ".part"), victim);
        Future<DeliveryReceipt> receipt = deliverAsync(transport(), TransferListener.NONE);
        awaitPause();

        assertThat(Files.readString(victim)).isEqualTo("keep me");
        assertThat(Files.mismatch(inbox.resolve(ID + ".bundle"), delivery.file())).isEqualTo(-1);
        receipt.cancel(true);
    }

    @Test
    void anInterruptedCopyLeavesNothingInTheInbox() {
        RedundancyException e = catchThrowableOfType(RedundancyException.class, () -> transport().deliver(delivery,
                (id, transferred, total) -> Thread.currentThread().interrupt()));
        boolean interrupted = Thread.interrupted();

        assertThat(e).isNotNull();
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.TRANSFER_INTERRUPTED);
        assertThat(interrupted).as("the interrupt stays visible").isTrue();
        assertThat(names()).isEmpty();
    }

    @Test
    void aBundleFileCutShortDuringTheCopyLeavesNothingInTheInbox() {
        RedundancyException e = catchThrowableOfType(RedundancyException.class, () -> transport().deliver(delivery,
                (id, transferred, total) -> truncate(delivery.file(), 1000)));

        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(ReasonCode.INTEGRITY_FAILED);
        assertThat(e.getMessage()).contains("ended after 1048576 of its 1572864 bytes");
        assertThat(names()).isEmpty();
    }

    @Test
    void aMissingInboxIsARetryableConnectionFailure() {
        FileTransport transport = new FileTransport(dir.resolve("unmounted").toUri(), options);

        RedundancyException e = catchThrowableOfType(RedundancyException.class, () -> transport.deliver(delivery, TransferListener.NONE));

        assertThat(e.reason()).isEqualTo(ReasonCode.CONNECTION_FAILED);
        assertThat(e.getMessage()).contains("does not exist: is the standby's share mounted?");
        assertThat(e.getCause()).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void anInboxThatBecameAFileIsInvalidInput() throws IOException {
        FileTransport transport = new FileTransport(dir.resolve("later").toUri(), options);
        Files.writeString(dir.resolve("later"), "not a directory");

        RedundancyException e = catchThrowableOfType(RedundancyException.class, () -> transport.deliver(delivery, TransferListener.NONE));

        assertThat(e.reason()).isEqualTo(ReasonCode.INVALID_INPUT);
        assertThat(e.reason().retryable()).isFalse();
    }

    @Test
    void closingEndsAWaitingDeliveryAndRefusesLaterOnes() throws Exception {
        FileTransport transport = transport();
        Future<DeliveryReceipt> receipt = deliverAsync(transport, TransferListener.NONE);
        awaitPause();

        transport.close();

        assertThat(failure(receipt).reason()).isEqualTo(ReasonCode.TRANSFER_INTERRUPTED);
        assertThat(manual.pending()).as("the pending look is cancelled").isZero();
        assertThat(catchThrowableOfType(IllegalStateException.class, () -> transport.deliver(delivery, TransferListener.NONE)))
                .hasMessageContaining("is closed");
    }

    @Test
    void aSchedulerThatRefusesFailsTheDeliveryInsteadOfHanging() {
        TaskScheduler refusing = (at, task) -> {
            throw new RejectedExecutionException("shut down");
        };
        FileTransport transport = new FileTransport(inbox.toUri(), TransportOptions.defaults(clock, refusing));

        RedundancyException e = catchThrowableOfType(RedundancyException.class, () -> transport.deliver(delivery, TransferListener.NONE));

        assertThat(e.reason()).isEqualTo(ReasonCode.UNEXPECTED);
        assertThat(e.getMessage()).contains("refused to schedule");
    }

    @Test
    void theTargetMustBeAnAbsoluteLocalDirectoryUri() throws IOException {
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        assertThat(refusal("https://standby/inbox")).contains("must be a file: URI");
        assertThat(refusal("file:inbox")).contains("must name an absolute path");
        assertThat(refusal("file://standby/srv/inbox")).contains("must not name a host");
        assertThat(refusal("file://root:secret@standby/srv/inbox")).contains("***@standby").doesNotContain("secret");
        assertThat(refusal(inbox.toUri() + "?mode=fast")).contains("must not have a query");
        assertThat(refusal(inbox.toUri() + "#x")).contains("or a fragment");
        assertThat(refusal(file.toUri().toString())).contains("must be a directory");

        assertThat(new FileTransport(URI.create("FILE://" + inbox.toUri().getRawPath()), options).inbox()).isEqualTo(inbox);
        assertThat(new FileTransport(dir.resolve("not-yet-mounted").toUri(), options).inbox()).doesNotExist();
    }

    private String refusal(String uri) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> new FileTransport(URI.create(uri), options));
        assertThat(e).as(uri).isNotNull();
        assertThat(e.getMessage()).startsWith("file transport target ");
        return e.getMessage();
    }

    private FileTransport transport() {
        return new FileTransport(inbox.toUri(), options);
    }

    private Future<DeliveryReceipt> deliverAsync(FileTransport transport, TransferListener listener) {
        return sender.submit(() -> transport.deliver(delivery, listener));
    }

    private void awaitPause() throws InterruptedException {
        assertThat(pauses.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("the delivery did not start waiting").isNotNull();
    }

    private void answer(String suffix, DeliveryReceipt receipt) throws IOException {
        Path part = inbox.resolve(ID + suffix + ".part");
        Files.write(part, InboxCodec.renderAnswer(receipt));
        Files.move(part, inbox.resolve(ID + suffix));
    }

    private Delivery delivery(BundleId id, int size) throws IOException {
        byte[] bytes = new byte[size];
        new SplittableRandom(size).nextBytes(bytes);
        Path file = Files.write(dir.resolve(id + ".tar"), bytes);
        return new Delivery(id, file, size, BundleFixtures.sha256(bytes));
    }

    private List<String> names() {
        try (var list = Files.list(inbox)) {
            return list.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RedundancyException failure(Future<DeliveryReceipt> receipt) throws Exception {
        try {
            receipt.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(RedundancyException.class);
            return (RedundancyException) e.getCause();
        }
        throw new AssertionError("the delivery did not fail");
    }

    private static void truncate(Path file, long size) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
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
