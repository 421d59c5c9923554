package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.promotion.ActiveDownCheck;
import io.github.pbxredundancy.core.promotion.AuditContext;
import io.github.pbxredundancy.core.promotion.AuditEntry;
import io.github.pbxredundancy.core.promotion.AuditTrail;
import io.github.pbxredundancy.core.promotion.NodeLifecycle;
import io.github.pbxredundancy.core.promotion.Promoter;
import io.github.pbxredundancy.core.promotion.PromotionOutcome;
import io.github.pbxredundancy.core.promotion.Trigger;
import io.github.pbxredundancy.core.spi.LivenessProbe;
import io.github.pbxredundancy.core.spi.ModuleActivation;
import io.github.pbxredundancy.core.spi.NetworkTakeover;
import io.github.pbxredundancy.core.spi.ProbeResult;
import io.github.pbxredundancy.core.spi.UserDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A standby in a temporary directory, ready to be promoted: a warm standby at epoch 0 whose
 * receiver imported a bundle an hour ago, the seed pair's licenses, a two-probe liveness check
 * of three rounds over 10 s on the manual scheduler, and the host's steps as given. Everything
 * runs on the test's thread.
 */
final class PromotionFixtures {
    static final Instant T0 = Instant.parse("2016-01-26T06:00:00Z");
    static final BundleId BUNDLE = BundleId.parse("20160126T050000Z-e0-0123456789abcdef");
    static final Duration CONFIRMATION = Duration.ofSeconds(10);
    static final ProbeResult REFUSED = new ProbeResult.Alive("host answered: connection refused on port 5060");
    static final List<UserContact> USERS = List.of(
            new UserContact("u1", "Anna Weber", new EmailAddress("anna.weber@example.de"), Locale.GERMAN),
            new UserContact("u2", "Bob Smith", new EmailAddress("bob@example.com"), Locale.ENGLISH),
            new UserContact("u3", "", new EmailAddress("empfang@example.de"), Locale.GERMAN));

    final Path directory;
    final MutableClock clock = new MutableClock(T0);
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final RecordingNotifier events = new RecordingNotifier();
    final Executor direct = Runnable::run;
    final RedundancyPair pair = PairFixtures.seedPair();
    volatile ReceiverStatus receiverStatus = importedStatus(T0.minus(Duration.ofHours(1)), 0);

    PromotionFixtures(Path directory) {
        this.directory = directory;
    }

    /** A receiver that keeps one bundle, created at {@code createdAt} and imported five minutes later. */
    static ReceiverStatus importedStatus(Instant createdAt, long epoch) {
        ReceiverStatus.KeptBundle kept = new ReceiverStatus.KeptBundle(BUNDLE, "pbx-a", SoftwareVersion.parse("7.3.1.5"),
                epoch, createdAt, 5_242_880, "a".repeat(64), createdAt.plusSeconds(60));
        return new ReceiverStatus(Optional.of(kept), List.of(BUNDLE), epoch, Optional.of(
                new ReceiverStatus.ImportOutcome(BUNDLE, createdAt.plusSeconds(300), Optional.empty(), "imported")),
                Optional.empty());
    }

    NodeLifecycle open() {
        return NodeLifecycle.open(directory, clock, events);
    }

    /** A fresh node driven to WARM_STANDBY, a second per change. */
    NodeLifecycle warmStandby() {
        NodeLifecycle node = open();
        for (Trigger trigger : List.of(Trigger.CONFIGURED_AS_STANDBY, Trigger.INITIAL_IMPORT_DONE)) {
            node.transition(trigger, AuditContext.of("installer", ""));
        }
        return node;
    }

    ActiveDownCheck downCheck(LivenessProbe... probes) {
        return ActiveDownCheck.builder().probes(List.of(probes)).confirmationPeriod(CONFIRMATION)
                .probeInterval(Duration.ofSeconds(5)).probeTimeout(Duration.ofSeconds(2)).clock(clock)
                .scheduler(scheduler).executor(direct).build();
    }

    /** Two probes that never get an answer: the check confirms the active is down. */
    ActiveDownCheck silentActive() {
        return downCheck(ScriptedProbe.always("tcp 192.168.1.1:22 (SSH)", clock, ScriptedProbe.SILENT),
                ScriptedProbe.always("tcp 192.168.1.1:5060 (SIP)", clock, ScriptedProbe.SILENT));
    }

    /** A promoter on the node with the given host steps and a silent active. */
    Promoter.Builder promoter(NodeLifecycle node, NetworkTakeover network, ModuleActivation modules,
                              UserDirectory users) {
        return Promoter.builder().lifecycle(node).pair(pair).receiverStatus(() -> receiverStatus)
                .downCheck(silentActive()).networkTakeover(network).moduleActivation(modules).userDirectory(users)
                .notifier(events).clock(clock).executor(direct);
    }

    /** Runs the manual scheduler through the confirmation period and returns the completed outcome. */
    PromotionOutcome await(CompletableFuture<PromotionOutcome> future) {
        if (!future.isDone()) {
            scheduler.advance(CONFIRMATION.plusSeconds(1));
        }
        assertThat(future).as("the promotion's future").isDone();
        return future.join();
    }

    List<AuditEntry> trail() {
        return AuditTrail.in(directory).read().entries();
    }
}
