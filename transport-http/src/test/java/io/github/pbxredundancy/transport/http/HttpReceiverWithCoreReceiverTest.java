package io.github.pbxredundancy.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.BundleHeader;
import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.BundleWriter;
import io.github.pbxredundancy.core.PairIdentity;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.Receiver;
import io.github.pbxredundancy.core.SoftwareVersion;
import io.github.pbxredundancy.core.WrittenBundle;
import io.github.pbxredundancy.core.spi.Backup;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.spi.InboxCodec;
import io.github.pbxredundancy.core.spi.TransferListener;
import io.github.pbxredundancy.license.LicenseKey;
import io.github.pbxredundancy.transport.http.internal.UploadHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTPS transport in front of the core's {@link Receiver}: the receiver's rules hold whatever
 * the transport, and its refusals reach the sender as verdicts with their HTTP status.
 */
class HttpReceiverWithCoreReceiverTest {
    private static final LicenseKey KEY = LicenseKey.parse("XXXXX-YYYYY-ZZZZZ-11111");
    private static final LicenseKey FOREIGN = LicenseKey.parse("AAAAA-BBBBB-CCCCC-22222");
    private static final SoftwareVersion VERSION = SoftwareVersion.parse("7.3.1.5");
    private static final Instant CREATED = Instant.parse("2016-01-26T05:00:00Z");

    @TempDir
    Path dir;

    private Path store;
    private Receiver receiver;
    private TestStandby standby;
    private final List<BundleId> imported = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        store = dir.resolve("store");
        receiver = Receiver.builder().root(store).activeServerKey(KEY).ownVersion(VERSION)
                .importer(request -> imported.add(request.manifest().bundleId()))
                .clock(Clock.systemUTC()).freeSpaceReserve(0).freeSpace(directory -> Long.MAX_VALUE / 4).build();
        standby = TestStandby.start(dir.resolve("uploads"), receiver::receiveFile);
    }

    @AfterEach
    void stop() {
        standby.close();
    }

    @Test
    void aGoodBundleIsKeptAndImported() {
        WrittenBundle bundle = bundle("20160126T050000Z-e6-0000000000000001", KEY, 6);

        DeliveryReceipt receipt = deliver(bundle);

        assertThat(receipt).isEqualTo(new DeliveryReceipt.Accepted(bundle.manifest().bundleId(), bundle.sha256(), 6));
        assertThat(receiver.keptBundles()).containsExactly(bundle.manifest().bundleId());
        assertThat(imported).containsExactly(bundle.manifest().bundleId());
    }

    @Test
    void aForeignPairsBundleIsRejectedAndChangesNothing() throws IOException {
        deliver(bundle("20160126T050000Z-e6-0000000000000001", KEY, 6));
        Map<String, String> before = snapshot(store);
        WrittenBundle foreign = bundle("20160126T060000Z-e7-0000000000000002", FOREIGN, 7);

        DeliveryReceipt receipt = deliver(foreign);

        assertThat(receipt).isInstanceOfSatisfying(DeliveryReceipt.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(ReasonCode.FOREIGN_PAIR));
        assertThat(snapshot(store)).isEqualTo(before);
        assertThat(HttpTransportTest.files(standby.uploads)).noneMatch(name -> name.endsWith(".part"))
                .noneMatch(name -> name.startsWith(foreign.manifest().bundleId().value()));
    }

    @Test
    void aStaleEpochIsA409WithTheVerdictAndChangesNothing() throws IOException {
        deliver(bundle("20160126T050000Z-e6-0000000000000001", KEY, 6));
        Map<String, String> before = snapshot(store);
        WrittenBundle stale = bundle("20160126T060000Z-e5-0000000000000003", KEY, 5);
        String path = "/pbx-redundancy/uploads/" + stale.manifest().bundleId().value();
        Map<String, String> authorization = Map.of("Authorization", "Bearer " + TestStandby.TOKEN);

        RawHttps.Response created = RawHttps.request(standby.port(), "POST", path, with(authorization,
                UploadHeaders.UPLOAD_LENGTH, Long.toString(stale.size()), UploadHeaders.REPR_DIGEST,
                UploadHeaders.renderDigest(stale.sha256())), new byte[0]);
        RawHttps.Response patched = RawHttps.request(standby.port(), "PATCH", path, with(authorization,
                UploadHeaders.UPLOAD_OFFSET, "0", "Content-Type", UploadHeaders.OFFSET_OCTET_STREAM), Files.readAllBytes(stale.file()));
        RawHttps.Response finished = RawHttps.request(standby.port(), "POST", path + "/finish", authorization, new byte[0]);

        assertThat(created.status()).isEqualTo(201);
        assertThat(patched.status()).isEqualTo(204);
        assertThat(finished.status()).isEqualTo(409);
        assertThat(finished.header("Content-Type")).isEqualTo(UploadHeaders.VERDICT_TYPE);
        assertThat(new String(finished.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("\nepoch=6\n");
        assertThat(InboxCodec.parseAnswer(finished.body())).isInstanceOfSatisfying(DeliveryReceipt.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(ReasonCode.STALE_EPOCH);
            assertThat(r.epoch()).as("the standby's epoch, which fences the sender").isEqualTo(6);
        });
        assertThat(snapshot(store)).isEqualTo(before);
        assertThat(HttpTransportTest.files(standby.uploads)).noneMatch(name -> name.startsWith(stale.manifest().bundleId().value()));

        DeliveryReceipt again = deliver(stale);
        assertThat(again).isEqualTo(new DeliveryReceipt.Rejected(stale.manifest().bundleId(), ReasonCode.STALE_EPOCH,
                ((DeliveryReceipt.Rejected) again).message(), 6));
    }

    private DeliveryReceipt deliver(WrittenBundle bundle) {
        try (HttpTransport transport = standby.transport().build()) {
            return transport.deliver(bundle.delivery(), TransferListener.NONE);
        }
    }

    private WrittenBundle bundle(String id, LicenseKey key, long epoch) {
        byte[] payload = new byte[150_000];
        new SplittableRandom(id.hashCode()).nextBytes(payload);
        BundleHeader header = new BundleHeader(BundleId.parse(id), PairIdentity.of(key), "pbx-a", VERSION, epoch, CREATED);
        return new BundleWriter().write(new Backup.Stream("backup.sfb", payload.length, () -> new ByteArrayInputStream(payload)),
                header, dir.resolve("sent-" + id + ".tar"));
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> all = new java.util.LinkedHashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            all.put(pairs[i], pairs[i + 1]);
        }
        return all;
    }

    /** The kept bundles and the state: what a refusal must leave byte-identical. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (String sub : List.of("bundles", "state")) {
            Path directory = root.resolve(sub);
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(directory)) {
                for (Path path : (Iterable<Path>) walk::iterator) {
                    files.put(root.relativize(path).toString(), Files.isRegularFile(path) ? RecordingHandler.sha256(path) : "dir");
                }
            }
        }
        return files;
    }
}
