package io.github.pbxredundancy.transport.http;

import io.github.pbxredundancy.core.InputProblem;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.Secret;
import io.github.pbxredundancy.core.spi.Transport;
import io.github.pbxredundancy.core.spi.TransportOptions;
import io.github.pbxredundancy.core.spi.TransportProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Opens {@link HttpTransport}s for {@code https://} targets found by URI
 * ({@link io.github.pbxredundancy.core.Transports#open}). A URI carries no credentials and no
 * trust, so the provider reads them from system properties:
 * <ul>
 *   <li>{@value #TOKEN_FILE}: the path of a file whose first line is the bearer token (required);
 *       with {@value #USER} set, the file holds that user's password instead (HTTP Basic);</li>
 *   <li>exactly one of {@value #TRUST_STORE} (a PKCS12 or JKS truststore, with
 *       {@value #TRUST_STORE_PASSWORD} if it has a password), {@value #CERTIFICATE_SHA256} (the
 *       standby's pinned certificate fingerprint) and {@value #PUBLIC_KEY_SHA256} (its pinned public
 *       key fingerprint), see {@link HttpTrust}.</li>
 * </ul>
 * The token and passwords are never read from system properties (any code in the JVM and often
 * {@code ps} can see them), only from the file, which is read at each {@link #open}. A truststore
 * password guards the file's integrity, not access, and may be a property. Plain {@code http}
 * is never opened this way: build the transport with {@link HttpTransport#builder()} and
 * {@link HttpTransport.Builder#allowPlainHttp(boolean)} for that.
 *
 * <p>Stateless and thread-safe; the properties are read at each {@link #open}.
 */
public final class HttpTransportProvider implements TransportProvider {
    /** The system property naming the file with the token (or the Basic password). */
    public static final String TOKEN_FILE = "pbxredundancy.http.tokenFile";
    /** The system property naming the Basic user; unset for a bearer token. */
    public static final String USER = "pbxredundancy.http.user";
    /** The system property naming the truststore file. */
    public static final String TRUST_STORE = "pbxredundancy.http.trustStore";
    /** The system property holding the truststore's password, if it has one. */
    public static final String TRUST_STORE_PASSWORD = "pbxredundancy.http.trustStorePassword";
    /** The system property holding the pinned certificate fingerprint. */
    public static final String CERTIFICATE_SHA256 = "pbxredundancy.http.certificateSha256";
    /** The system property holding the pinned public key fingerprint. */
    public static final String PUBLIC_KEY_SHA256 = "pbxredundancy.http.publicKeySha256";

    private static final int MAX_TOKEN_FILE_BYTES = 8192;

    private final UnaryOperator<String> properties;

    /** A provider reading the system properties, for {@link java.util.ServiceLoader}. */
    public HttpTransportProvider() {
        this(System::getProperty);
    }

    HttpTransportProvider(UnaryOperator<String> properties) {
        this.properties = Objects.requireNonNull(properties, "properties");
    }

    /** @return {@code https} */
    @Override
    public String scheme() {
        return HttpTransport.SCHEME;
    }

    /**
     * @throws InvalidInputException if the target is not a valid {@code https} {@link HttpTarget},
     *     or the system properties are missing, contradict each other or are malformed, or the
     *     token file cannot be read; every problem is named, no secret is shown
     */
    @Override
    public Transport open(URI target, TransportOptions options) {
        HttpTarget parsed = HttpTarget.parse(target);
        List<InputProblem> problems = new ArrayList<>();
        if (!parsed.isTls()) {
            problems.add(InputProblem.of("http target", parsed.toString(), "must be https when opened by URI; plain http"
                    + " needs HttpTransport.builder().allowPlainHttp(true)"));
        }
        String tokenFile = blankToNull(properties.apply(TOKEN_FILE));
        String user = blankToNull(properties.apply(USER));
        String trustStore = blankToNull(properties.apply(TRUST_STORE));
        String trustStorePassword = blankToNull(properties.apply(TRUST_STORE_PASSWORD));
        String certificate = blankToNull(properties.apply(CERTIFICATE_SHA256));
        String publicKey = blankToNull(properties.apply(PUBLIC_KEY_SHA256));
        HttpCredentials credentials = null;
        if (tokenFile == null) {
            problems.add(InputProblem.of(TOKEN_FILE, null, "is required to open an https: target by URI: the path of a file"
                    + " whose first line is the bearer token (or, with " + USER + ", the password)"));
        } else {
            credentials = credentials(Path.of(tokenFile), user, problems);
        }
        long trusts = java.util.stream.Stream.of(trustStore, certificate, publicKey).filter(Objects::nonNull).count();
        HttpTrust trust = null;
        if (trusts != 1) {
            problems.add(InputProblem.of(TRUST_STORE + " / " + CERTIFICATE_SHA256 + " / " + PUBLIC_KEY_SHA256, null,
                    "exactly one must be set: a truststore, or the standby's pinned certificate or public key fingerprint"));
        } else if (trustStore != null) {
            trust = new HttpTrust.TrustStore(Path.of(trustStore), Optional.ofNullable(trustStorePassword).map(Secret::of));
        } else {
            try {
                trust = certificate != null ? new HttpTrust.PinnedCertificate(certificate) : new HttpTrust.PinnedPublicKey(publicKey);
            } catch (InvalidInputException e) {
                problems.add(InputProblem.of(certificate != null ? CERTIFICATE_SHA256 : PUBLIC_KEY_SHA256,
                        certificate != null ? certificate : publicKey, e.problems().get(0).rule()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return HttpTransport.builder().target(parsed).trust(trust).credentials(credentials).options(options).build();
    }

    private static HttpCredentials credentials(Path file, String user, List<InputProblem> problems) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_TOKEN_FILE_BYTES + 1);
        } catch (IOException e) {
            problems.add(InputProblem.of(TOKEN_FILE, file.toString(), "must name a readable file: "
                    + e.getClass().getSimpleName()));
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            text = null;
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
        int end = text == null ? -1 : text.indexOf('\n');
        String secret = text == null ? "" : (end < 0 ? text : text.substring(0, end)).strip();
        if (text == null || bytes.length > MAX_TOKEN_FILE_BYTES || secret.isEmpty()) {
            problems.add(InputProblem.of(TOKEN_FILE, file.toString(), "must hold the secret on its first line, UTF-8, in at"
                    + " most " + MAX_TOKEN_FILE_BYTES + " bytes"));
            return null;
        }
        try {
            return user == null ? HttpCredentials.bearer(Secret.of(secret)) : HttpCredentials.basic(user, Secret.of(secret));
        } catch (InvalidInputException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
