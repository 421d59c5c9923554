package io.github.pbxredundancy.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.InputProblem;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.transport.http.internal.UploadHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HttpReceiver} at the protocol level, with requests written by hand: what a hostile or broken client may send. */
class HttpReceiverTest {
    private static final String AUTHORIZATION = "Bearer " + TestStandby.TOKEN;
    private static final String BASE = "/pbx-redundancy/uploads/";

    @TempDir
    Path dir;

    private Path uploads;
    private RecordingHandler handler;
    private AdjustableClock clock;
    private TestStandby standby;

    @BeforeEach
    void start() throws IOException {
        uploads = dir.resolve("uploads");
        handler = new RecordingHandler(Files.createDirectory(dir.resolve("copies")));
        clock = new AdjustableClock();
        standby = TestStandby.start(uploads, handler, clock, TestCertificates.standby(), b -> b
                .maxBodyBytes(1_000_000).idleTimeout(Duration.ofMillis(300)).uploadTtl(Duration.ofHours(1)).threads(1));
    }

    @AfterEach
    void stop() {
        standby.close();
    }

    @Test
    void requestsWithoutTheRightCredentialsAre401WithAChallengeAndNothingIsRead() throws Exception {
        byte[] body = new byte[50_000];
        List<Map<String, String>> attempts = List.of(Map.of(), Map.of("Authorization", "Bearer wrong"),
                Map.of("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("a:b".getBytes(StandardCharsets.UTF_8))),
                Map.of("Authorization", "Bearer " + "x".repeat(10_000)));

        for (Map<String, String> authorization : attempts) {
            Map<String, String> create = new LinkedHashMap<>(authorization);
            create.putAll(createHeaders(1_000, "00"));
            RawHttps.Response created = RawHttps.request(standby.port(), "POST", BASE + "auth-1", create, new byte[0]);
            Map<String, String> patch = new LinkedHashMap<>(authorization);
            patch.putAll(patchHeaders(0));
            RawHttps.Response patched = RawHttps.request(standby.port(), "PATCH", BASE + "auth-1", patch, body);

            for (RawHttps.Response response : List.of(created, patched)) {
                assertThat(response.status()).as(authorization.toString()).isEqualTo(401);
                assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"pbx-redundancy\"");
                assertThat(response.text()).doesNotContain(TestStandby.TOKEN);
            }
            assertThat(patched.header("Connection")).as("a body left unread ends the connection").isEqualToIgnoringCase("close");
        }
        assertThat(HttpTransportTest.files(uploads)).isEmpty();
    }

    @Test
    void idsThatCouldNameAnotherPathAreRefusedBeforeTheDiskIsTouched() throws Exception {
        Files.writeString(dir.resolve("etc"), "sentinel");
        Map<String, String> before = snapshot(dir);

        for (String path : List.of("..%2F..%2Fetc", "..", "%2e%2e", ".hidden", "a%00b", "a%2Fb", "-dash", "a b", "..%5C..%5Cetc",
                "x".repeat(101))) {
            RawHttps.Response response = RawHttps.request(standby.port(), "POST", BASE + path.replace(" ", "%20"),
                    authorized(createHeaders(10, "00")), new byte[0]);

            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.text()).as(path).contains("bundle id");
        }
        for (String path : List.of("../../etc", "a/b/c", "a/../../etc")) {
            RawHttps.Response response = RawHttps.request(standby.port(), "POST", BASE + path,
                    authorized(createHeaders(10, "00")), new byte[0]);

            assertThat(response.status()).as(path).isIn(400, 404);
        }
        RawHttps.Response query = RawHttps.request(standby.port(), "POST", BASE + "a?x=../etc", authorized(createHeaders(10, "00")),
                new byte[0]);
        assertThat(query.status()).isEqualTo(400);
        assertThat(HttpTransportTest.files(uploads)).isEmpty();
        assertThat(snapshot(dir)).isEqualTo(before);
    }

    @Test
    void malformedHeadersAre400NamingTheHeader() throws Exception {
        String digest = UploadHeaders.renderDigest("ab".repeat(32));
        for (String length : List.of("-1", "01", "1e3", "", "+5", "99999999999999999999")) {
            Map<String, String> headers = authorized(Map.of(UploadHeaders.UPLOAD_LENGTH, length, UploadHeaders.REPR_DIGEST, digest));

            RawHttps.Response response = RawHttps.request(standby.port(), "POST", BASE + "hdr-1", headers, new byte[0]);

            assertThat(response.status()).as(length).isEqualTo(400);
            assertThat(response.text()).contains("Upload-Length");
        }
        for (String bad : List.of("sha-256=abc", "sha-512=:AAAA:", "sha-256=:" + "A".repeat(43) + ":", "sha-256=:x:;p=1")) {
            Map<String, String> headers = authorized(Map.of(UploadHeaders.UPLOAD_LENGTH, "10", UploadHeaders.REPR_DIGEST, bad));

            RawHttps.Response response = RawHttps.request(standby.port(), "POST", BASE + "hdr-1", headers, new byte[0]);

            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.text()).contains("Repr-Digest");
        }
        assertThat(HttpTransportTest.files(uploads)).isEmpty();
    }

    @Test
    void aBundleOverTheLimitAndABodyOverWhatIsMissingAre413() throws Exception {
        RawHttps.Response tooBig = RawHttps.request(standby.port(), "POST", BASE + "big-1", authorized(createHeaders(1_000_001, "00")),
                new byte[0]);
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(HttpTransportTest.files(uploads)).isEmpty();

        assertThat(create("big-2", 1_000).status()).isEqualTo(201);
        RawHttps.Response overlong = RawHttps.request(standby.port(), "PATCH", BASE + "big-2", authorized(patchHeaders(0)),
                new byte[2_000]);

        assertThat(overlong.status()).isEqualTo(413);
        assertThat(overlong.text()).contains("only 1000");
        assertThat(head("big-2").header(UploadHeaders.UPLOAD_OFFSET)).as("nothing was written").isEqualTo("0");
    }

    @Test
    void aPatchAtAnotherOffsetIs409WithTheCurrentOffsetAndAnEarlyFinishToo() throws Exception {
        byte[] bytes = random(1_000);
        assertThat(create("off-1", bytes.length).header(UploadHeaders.UPLOAD_OFFSET)).isEqualTo("0");
        RawHttps.Response first = RawHttps.request(standby.port(), "PATCH", BASE + "off-1", authorized(patchHeaders(0)),
                java.util.Arrays.copyOf(bytes, 400));
        assertThat(first.status()).isEqualTo(204);
        assertThat(first.header(UploadHeaders.UPLOAD_OFFSET)).isEqualTo("400");

        RawHttps.Response again = RawHttps.request(standby.port(), "PATCH", BASE + "off-1", authorized(patchHeaders(0)),
                java.util.Arrays.copyOf(bytes, 400));
        RawHttps.Response early = RawHttps.request(standby.port(), "POST", BASE + "off-1/finish", authorized(Map.of()), new byte[0]);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header(UploadHeaders.UPLOAD_OFFSET)).isEqualTo("400");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.header(UploadHeaders.UPLOAD_OFFSET)).isEqualTo("400");
        assertThat(create("off-1", bytes.length).header(UploadHeaders.UPLOAD_OFFSET)).as("creating again continues").isEqualTo("400");
        assertThat(handler.received).isEmpty();
    }

    @Test
    void aClientThatStallsMidBodyIsCutOffItsBytesKeptAndTheUploadSweptAfterTheTtl() throws Exception {
        assertThat(create("stall-1", 100_000).status()).isEqualTo(201);
        try (RawHttps stalling = RawHttps.connect(standby.port())) {
            Map<String, String> headers = authorized(patchHeaders(0));
            headers.put("Content-Length", "100000");
            stalling.send("PATCH", BASE + "stall-1", headers, null);
            stalling.write(random(10_000));

            int answer;
            try {
                answer = stalling.readByte();
            } catch (IOException closed) {
                answer = -1;
            }
            assertThat(answer).as("the receiver closed the connection without an answer").isEqualTo(-1);
        }
        RawHttps.Response after = head("stall-1");
        assertThat(after.status()).as("the only thread is free again").isEqualTo(200);
        assertThat(after.header(UploadHeaders.UPLOAD_OFFSET)).as("the bytes received stay for a resumed upload").isEqualTo("10000");
        assertThat(standby.receiver.sweep()).as("a fresh upload is not swept").isZero();

        clock.advance(Duration.ofHours(1).plusMinutes(1));

        assertThat(standby.receiver.sweep()).isEqualTo(2);
        assertThat(HttpTransportTest.files(uploads)).isEmpty();
        assertThat(head("stall-1").status()).isEqualTo(404);
    }

    @Test
    void onlyTheProtocolsMethodsArePossible() throws Exception {
        RawHttps.Response delete = RawHttps.request(standby.port(), "DELETE", BASE + "m-1", authorized(Map.of()), new byte[0]);
        RawHttps.Response getFinish = RawHttps.request(standby.port(), "GET", BASE + "m-1/finish", authorized(Map.of()), null);
        RawHttps.Response elsewhere = RawHttps.request(standby.port(), "POST", "/pbx-redundancy/other/m-1", authorized(Map.of()),
                new byte[0]);
        RawHttps.Response bodyOnCreate = RawHttps.request(standby.port(), "POST", BASE + "m-1", authorized(createHeaders(10, "00")),
                new byte[10]);
        RawHttps.Response chunkedPatch = RawHttps.request(standby.port(), "PATCH", BASE + "m-1",
                authorized(Map.of("Transfer-Encoding", "chunked", "Content-Type", UploadHeaders.OFFSET_OCTET_STREAM,
                        UploadHeaders.UPLOAD_OFFSET, "0")), "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        RawHttps.Response wrongType = RawHttps.request(standby.port(), "PATCH", BASE + "m-1",
                authorized(Map.of("Content-Type", "text/plain", UploadHeaders.UPLOAD_OFFSET, "0")), new byte[3]);

        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.header("Allow")).isEqualTo("POST, HEAD, PATCH");
        assertThat(getFinish.status()).isEqualTo(405);
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(bodyOnCreate.status()).isEqualTo(400);
        assertThat(chunkedPatch.status()).isEqualTo(411);
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(HttpTransportTest.files(uploads)).isEmpty();
    }

    @Test
    void tooManyHeaderBytesAre431() throws Exception {
        Map<String, String> headers = authorized(createHeaders(10, "00"));
        for (int i = 0; i < 20; i++) {
            headers.put("X-Filler-" + i, "f".repeat(1_000));
        }

        assertThat(RawHttps.request(standby.port(), "POST", BASE + "h-1", headers, new byte[0]).status()).isEqualTo(431);
    }

    @Test
    void theSweepDeletesLinksAndLeavesForeignNamesAlone() throws Exception {
        Path outside = Files.writeString(dir.resolve("outside"), "do not touch");
        Files.createSymbolicLink(uploads.resolve("evil.part"), outside);
        Files.writeString(uploads.resolve("notes.txt"), "the administrator's");

        standby.receiver.sweep();

        assertThat(HttpTransportTest.files(uploads)).containsExactly("notes.txt");
        assertThat(Files.readString(outside)).isEqualTo("do not touch");
    }

    @Test
    void aClosedReceiverRefusesWith503OrNotAtAll() throws Exception {
        int port = standby.port();
        standby.close();

        assertThat(catchThrowableOfType(IOException.class,
                () -> RawHttps.request(port, "POST", BASE + "c-1", authorized(createHeaders(1, "00")), new byte[0]))).isNotNull();
        assertThatThrownBy(() -> standby.receiver.start()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theBuilderNamesEveryMissingOrInvalidSetting() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> HttpReceiver.builder()
                .basePath("/trailing/").maxBodyBytes(0).idleTimeout(Duration.ofMinutes(5)).uploadTtl(Duration.ofMinutes(1))
                .threads(0).minimumThroughput(0).maxHeaderBytes(10).build());

        assertThat(e.problems()).extracting(InputProblem::field).containsExactly("handler", "uploadDirectory",
                "accepted credentials", "clock", "scheduler", "basePath", "maxBodyBytes", "minimumThroughput", "uploadTtl",
                "threads", "maxHeaderBytes");
    }

    @Test
    void startingWithoutAnAddressOrTlsNamesBoth() throws Exception {
        HttpReceiver unstarted = HttpReceiver.builder().handler(handler).uploadDirectory(dir.resolve("u2"))
                .accept(TestStandby.CREDENTIALS).clock(clock).scheduler((at, task) -> () -> true).build();

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, unstarted::start);

        assertThat(e.problems()).extracting(InputProblem::field).containsExactly("bindAddress", "sslContext");
        assertThat(unstarted.basePath()).isEqualTo("/pbx-redundancy");
        unstarted.close();
    }

    private RawHttps.Response create(String id, long length) throws IOException {
        return RawHttps.request(standby.port(), "POST", BASE + id, authorized(createHeaders(length, "00")), new byte[0]);
    }

    private RawHttps.Response head(String id) throws IOException {
        return RawHttps.request(standby.port(), "HEAD", BASE + id, authorized(Map.of()), null);
    }

    private static Map<String, String> createHeaders(long length, String hexByte) {
        return Map.of(UploadHeaders.UPLOAD_LENGTH, Long.toString(length),
                UploadHeaders.REPR_DIGEST, UploadHeaders.renderDigest(hexByte.repeat(32)));
    }

    private static Map<String, String> patchHeaders(long offset) {
        return Map.of(UploadHeaders.UPLOAD_OFFSET, Long.toString(offset), "Content-Type", UploadHeaders.OFFSET_OCTET_STREAM);
    }

    private static Map<String, String> authorized(Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Authorization", AUTHORIZATION);
        all.putAll(headers);
        return all;
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new SplittableRandom(size).nextBytes(bytes);
        return bytes;
    }

    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                files.put(root.relativize(path).toString(), Files.isRegularFile(path) ? RecordingHandler.sha256(path) : "dir");
            }
        }
        return files;
    }
}
