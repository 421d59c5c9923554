package io.github.pbxredundancy.transport.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.sshd.common.channel.RequestHandler;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/** An in-JVM Apache MINA SSHD on loopback with an SFTP subsystem rooted in a directory. */
final class TestSshd implements AutoCloseable {
    static final String USER = "pbxsync";
    static final String PASSWORD = "correct horse battery staple";

    final KeyPair hostKey;
    final KeyPair userKey;
    final AtomicInteger passwordAttempts = new AtomicInteger();
    /** How many {@code keepalive@openssh.com} requests the server received. */
    final AtomicInteger keepAlives = new AtomicInteger();
    /** False: the server leaves keepalives unanswered, like a peer that went silent. */
    final AtomicBoolean answerKeepAlives = new AtomicBoolean(true);
    private final SshServer server;

    private TestSshd(SshServer server, KeyPair hostKey, KeyPair userKey) {
        this.server = server;
        this.hostKey = hostKey;
        this.userKey = userKey;
    }

    static TestSshd start(Path sftpRoot, SftpEventListener... listeners) throws IOException, GeneralSecurityException {
        return startOn(sftpRoot, 0, listeners);
    }

    /** A server with fresh host and user keys on {@code port}, 0 for a free one. */
    static TestSshd startOn(Path sftpRoot, int port, SftpEventListener... listeners) throws IOException, GeneralSecurityException {
        return startOn(sftpRoot, port, server -> { }, listeners);
    }

    /** A server as {@link #startOn(Path, int, SftpEventListener...)}, with {@code tweak} applied before it starts. */
    static TestSshd startOn(Path sftpRoot, int port, Consumer<SshServer> tweak, SftpEventListener... listeners)
            throws IOException, GeneralSecurityException {
        KeyPair hostKey = ed25519();
        KeyPair userKey = ed25519();
        SshServer server = SshServer.setUpDefaultServer();
        TestSshd sshd = new TestSshd(server, hostKey, userKey);
        server.setHost("127.0.0.1");
        server.setPort(port);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator((user, password, session) -> {
            sshd.passwordAttempts.incrementAndGet();
            return USER.equals(user) && PASSWORD.equals(password);
        });
        server.setPublickeyAuthenticator((user, key, session) -> USER.equals(user) && KeyUtils.compareKeys(key, userKey.getPublic()));
        server.setKeyboardInteractiveAuthenticator(null);
        SftpSubsystemFactory sftp = new SftpSubsystemFactory.Builder().build();
        for (SftpEventListener listener : listeners) {
            sftp.addSftpEventListener(listener);
        }
        server.setSubsystemFactories(List.of(sftp));
        server.setFileSystemFactory(new VirtualFileSystemFactory(sftpRoot));
        List<RequestHandler<ConnectionService>> globalRequests = new ArrayList<>();
        globalRequests.add((connection, request, wantReply, buffer) -> {
            if (!request.startsWith("keepalive@")) {
                return RequestHandler.Result.Unsupported;
            }
            sshd.keepAlives.incrementAndGet();
            // Replied: MINA sends nothing more, so the client's question stays unanswered.
            return sshd.answerKeepAlives.get() ? RequestHandler.Result.ReplyFailure : RequestHandler.Result.Replied;
        });
        globalRequests.addAll(ServerBuilder.DEFAULT_GLOBAL_REQUEST_HANDLERS);
        server.setGlobalRequestHandlers(globalRequests);
        tweak.accept(server);
        server.start();
        return sshd;
    }

    static KeyPair ed25519() throws GeneralSecurityException {
        return KeyUtils.generateKeyPair("ssh-ed25519", 256);
    }

    int port() {
        return server.getPort();
    }

    /** @return the host key's fingerprint as MINA computes it, independently of the transport */
    String hostKeyFingerprint() {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, hostKey.getPublic());
    }

    /** @return a known_hosts line for this server with {@code key} */
    String knownHostsLine(KeyPair key) {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(key.getPublic()) + "\n";
    }

    /** Writes the user's private key in OpenSSH format. */
    Path writeUserKey(Path file) throws IOException, GeneralSecurityException {
        return writeUserKey(file, null);
    }

    /** Writes the user's private key in OpenSSH format, encrypted with AES-256-CTR if a passphrase is given. */
    Path writeUserKey(Path file, String passphrase) throws IOException, GeneralSecurityException {
        OpenSSHKeyEncryptionContext encryption = null;
        if (passphrase != null) {
            encryption = new OpenSSHKeyEncryptionContext();
            encryption.setCipherName("AES");
            encryption.setCipherType("256");
            encryption.setCipherMode("CTR");
            encryption.setPassword(passphrase);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(userKey, "pbxsync@test", encryption, out);
        }
        return file;
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
